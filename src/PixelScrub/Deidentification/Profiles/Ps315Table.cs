using System.Collections.Frozen;

namespace PixelScrub.Deidentification.Profiles;

/// <summary>Lookups over the generated rows of PS3.15 Table E.1-1 (<c>Ps315Table.Generated.cs</c>).</summary>
internal static partial class Ps315Table
{
    private static readonly FrozenDictionary<uint, Ps315Entry> ByTag =
        Entries.Where(e => e.Mask == 0xFFFFFFFFu).ToFrozenDictionary(e => e.Tag);

    private static readonly Ps315Entry[] Patterns = Entries.Where(e => e.Mask != 0xFFFFFFFFu).ToArray();

    /// <summary>The row for a standard (even group) tag; null when the table does not list it.</summary>
    public static Ps315Entry? Find(uint tag)
    {
        if (ByTag.TryGetValue(tag, out var e)) return e;
        foreach (var p in Patterns)
        {
            if (p.Matches(tag)) return p;
        }

        return null;
    }
}
