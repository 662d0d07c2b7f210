using System.CommandLine;
using PixelScrub.Deidentification;

namespace PixelScrub.Cli.Commands;

/// <summary>`--header SPEC`, `--param NAME=VALUE` and `--lookup-table FILE`, shared by `clean` and `header show`.</summary>
internal sealed class HeaderOptions
{
    public Option<string?> Header { get; } = new("--header")
    {
        Description = "De-identify the header too, after pixel cleaning: a CTP DicomAnonymizer script, a deid recipe with %header, or a built-in profile name.",
        HelpName = "SPEC",
    };

    public Option<string[]> Params { get; } = new("--param")
    {
        Description = "A header spec parameter, NAME=VALUE (overrides a CTP script's <p>, sets a deid recipe's var:). Repeatable.",
        HelpName = "NAME=VALUE",
    };

    public Option<string?> LookupTable { get; } = new("--lookup-table")
    {
        Description = "Lookup table for CTP's @lookup (CTP's format: keytype/value = replacement, one a line).",
        HelpName = "FILE",
    };

    public IEnumerable<Option> All => [Header, Params, LookupTable];

    /// <summary>Resolves the spec (null when none given); prints the error and returns false (exit 2) on a bad one.</summary>
    public bool TryResolve(ParseResult parse, TextWriter stderr, string? spec, out IHeaderAnonymizer? anonymizer)
    {
        anonymizer = null;
        try
        {
            var settings = new HeaderSettings
            {
                Parameters = HeaderSettings.ParseParameters(parse.GetValue(Params) ?? []),
                LookupTablePath = parse.GetValue(LookupTable),
            };
            if (spec is null)
            {
                if (settings.Parameters.Count > 0 || settings.LookupTablePath is not null) throw new ArgumentException("--param and --lookup-table need --header");
                return true;
            }

            anonymizer = HeaderSpecs.Resolve(spec, settings);
            return true;
        }
        catch (PixelScrubException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return false;
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return false;
        }
    }
}
