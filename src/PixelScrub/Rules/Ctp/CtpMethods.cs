namespace PixelScrub.Rules.Ctp;

/// <summary>Names of the CTP methods as written in scripts (case-sensitive, as Java's are).</summary>
internal static class CtpMethods
{
    private static readonly (string Name, CtpMethod Method)[] Table =
    [
        ("equals", CtpMethod.Equals),
        ("equalsIgnoreCase", CtpMethod.EqualsIgnoreCase),
        ("matches", CtpMethod.Matches),
        ("contains", CtpMethod.Contains),
        ("containsIgnoreCase", CtpMethod.ContainsIgnoreCase),
        ("startsWith", CtpMethod.StartsWith),
        ("startsWithIgnoreCase", CtpMethod.StartsWithIgnoreCase),
        ("endsWith", CtpMethod.EndsWith),
        ("endsWithIgnoreCase", CtpMethod.EndsWithIgnoreCase),
        ("isLessThan", CtpMethod.IsLessThan),
        ("isGreaterThan", CtpMethod.IsGreaterThan),
    ];

    public static bool TryParse(ReadOnlySpan<char> name, out CtpMethod method)
    {
        foreach (var (n, m) in Table)
        {
            if (name.SequenceEqual(n))
            {
                method = m;
                return true;
            }
        }

        method = default;
        return false;
    }

    public static string Name(CtpMethod method)
    {
        foreach (var (n, m) in Table)
        {
            if (m == method) return n;
        }

        throw new ArgumentOutOfRangeException(nameof(method));
    }

    public static string AllNames()
    {
        var names = new string[Table.Length];
        for (int i = 0; i < Table.Length; i++) names[i] = Table[i].Name;
        return string.Join(", ", names);
    }
}
