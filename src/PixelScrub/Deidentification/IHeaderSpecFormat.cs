using PixelScrub.Rules;

namespace PixelScrub.Deidentification;

/// <summary>A kind of header spec file (a CTP DicomAnonymizer script, a deid recipe's %header), recognised by content.</summary>
internal interface IHeaderSpecFormat
{
    /// <summary>"CTP DicomAnonymizer script".</summary>
    string Name { get; }

    /// <summary>True when the text is this format (file names are not trusted).</summary>
    bool Recognises(string text);

    /// <summary>Builds the anonymizer; throws <see cref="RuleSyntaxException"/> (file:line:column) on a spec that does not parse.</summary>
    IHeaderAnonymizer Load(string path, string text, HeaderSettings settings);

    /// <summary>Every error and warning in the file, with file:line:column.</summary>
    IReadOnlyList<RuleDiagnostic> Check(string path, string text);
}
