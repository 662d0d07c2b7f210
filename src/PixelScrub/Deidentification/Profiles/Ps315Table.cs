using System.Collections.Frozen;

namespace PixelScrub.Deidentification.Profiles;

/// <summary>Lookups over the generated rows of PS3.15 Table E.1-1 (<c>Ps315Table.Generated.cs</c>).</summary>
internal static partial class Ps315Table
{
    // In a nested class: static fields of partial files initialise in no defined order, and these need Entries.
    private static class Index
    {
        public static readonly FrozenDictionary<uint, Ps315Entry> ByTag =
            Entries.Where(e => e.Mask == 0xFFFFFFFFu).ToFrozenDictionary(e => e.Tag);

        public static readonly Ps315Entry[] Patterns = Entries.Where(e => e.Mask != 0xFFFFFFFFu).ToArray();
    }

    /// <summary>The row for a standard (even group) tag; null when the table does not list it.</summary>
    public static Ps315Entry? Find(uint tag)
    {
        if (Index.ByTag.TryGetValue(tag, out var e)) return e;
        foreach (var p in Index.Patterns)
        {
            if (p.Matches(tag)) return p;
        }

        return null;
    }
}
