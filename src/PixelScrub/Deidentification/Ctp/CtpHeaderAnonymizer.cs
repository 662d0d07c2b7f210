using System.Security.Cryptography;
using System.Text;
using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>
/// A CTP DicomAnonymizer script as a header anonymizer: the script's `&lt;p&gt;` values, overridden by `--param`, then by
/// the context's; an optional lookup table for @lookup. Stateless per file, so one instance serves every worker.
/// </summary>
internal sealed class CtpHeaderAnonymizer : IHeaderAnonymizer
{
    private readonly CtpAnonymizerScript _script;
    private readonly Dictionary<string, string> _parameters;
    private readonly CtpLookupTable? _lookup;

    public CtpHeaderAnonymizer(CtpAnonymizerScript script, string text, IReadOnlyDictionary<string, string> overrides, CtpLookupTable? lookup)
    {
        _script = script;
        _lookup = lookup;
        _parameters = new Dictionary<string, string>(script.Parameters, StringComparer.Ordinal);
        foreach (var (k, v) in overrides) _parameters[k] = v;
        Name = $"CTP script {Path.GetFileName(script.Path)}";
        var key = new StringBuilder(text);
        foreach (var (k, v) in _parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) key.Append('\0').Append(k).Append('=').Append(v);
        key.Append('\0').Append(lookup?.Sha256 ?? "no lookup table");
        Key = "ctp:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..32];
    }

    public string Name { get; }

    public string Key { get; }

    public HeaderResult Apply(DicomFile file, HeaderContext context)
    {
        var original = context.Original ?? file.Dataset.Copy();
        var parameters = _parameters;
        if (context.Parameters is { Count: > 0 } extra)
        {
            parameters = new Dictionary<string, string>(_parameters, StringComparer.Ordinal);
            foreach (var (k, v) in extra) parameters[k] = v;
        }

        var pass = new CtpPass(_script, parameters, _lookup, original, file.Dataset);
        var reason = pass.Run();
        if (reason is not null) return HeaderResult.Quarantine(reason);
        HeaderCompletion.Finish(file, context);
        return new HeaderResult
        {
            Outcome = HeaderOutcome.Done,
            Removed = pass.Removed,
            Emptied = pass.Emptied,
            Replaced = pass.Replaced,
            Added = pass.Added,
        };
    }

    public HeaderExplanation Explain() => CtpExplainer.Explain(_script, Name, _parameters);
}
