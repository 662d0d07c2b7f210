using System.Text.RegularExpressions;
using PixelScrub.Rules;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>A CTP DicomAnonymizer script: an XML document whose root is &lt;script&gt;.</summary>
internal sealed partial class CtpScriptFormat : IHeaderSpecFormat
{
    public string Name => "a CTP DicomAnonymizer script (<script> with <p>, <e>, <k>, <r>)";

    [GeneratedRegex(@"^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<script[\s>/]", RegexOptions.Singleline)]
    private static partial Regex ScriptStart();

    public bool Recognises(string text) => ScriptStart().IsMatch(text);

    public IHeaderAnonymizer Load(string path, string text, HeaderSettings settings)
    {
        var diagnostics = new List<RuleDiagnostic>();
        var script = CtpScriptParser.Parse(path, text, diagnostics);
        var error = diagnostics.FirstOrDefault(d => d.Severity == RuleSeverity.Error);
        if (error is not null) throw error.ToException();
        var lookup = settings.LookupTablePath is null ? null : CtpLookupTable.Load(settings.LookupTablePath);
        return new CtpHeaderAnonymizer(script, text, settings.Parameters, lookup);
    }

    public IReadOnlyList<RuleDiagnostic> Check(string path, string text)
    {
        var diagnostics = new List<RuleDiagnostic>();
        CtpScriptParser.Parse(path, text, diagnostics);
        return diagnostics;
    }
}
