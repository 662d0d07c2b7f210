namespace PixelScrub.Deidentification;

/// <summary>What the user gives a header spec besides the spec itself: `--param NAME=VALUE` and `--lookup-table FILE`.</summary>
public sealed record HeaderSettings
{
    /// <summary>Parameters by name (a CTP script's `&lt;p&gt;`, a recipe's `var:`); they override the spec's own values.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>A lookup table file (CTP's format: `keytype/value = replacement` lines) for `@lookup`; null: none.</summary>
    public string? LookupTablePath { get; init; }

    public static readonly HeaderSettings Default = new();

    /// <summary>Parses `NAME=VALUE` arguments; <see cref="ArgumentException"/> for one without `=` or a name.</summary>
    public static Dictionary<string, string> ParseParameters(IEnumerable<string> arguments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in arguments)
        {
            int eq = a.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--param \"{a}\": expected NAME=VALUE");
            result[a[..eq].Trim()] = a[(eq + 1)..];
        }

        return result;
    }
}
