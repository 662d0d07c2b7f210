namespace PixelScrub.Dicom;

/// <summary>One entry of the data dictionary (PS3.6): a tag (the first of its range), its VR text, keyword, VM.</summary>
/// <param name="VR">The VR as PS3.6 gives it, e.g. "US", "US or SS", "OB or OW"; empty for items and delimiters.</param>
public sealed record DicomDictionaryEntry(DicomTag Tag, string VR, string Keyword, string VM, bool Retired)
{
    /// <summary>The VR to use when the encoding does not carry one (implicit VR): the first of the alternatives.</summary>
    public DicomVR DefaultVR => VR.Length >= 2 && DicomVR.TryParse(VR[..2], out var vr) ? vr : DicomVR.UN;
}

/// <summary>
/// The data dictionary, generated from DCMTK's copy of PS3.6 by tools/DictionaryGenerator (see the .Generated file):
/// keyword to tag and tag to entry, including repeating groups (60xx overlays, 50xx curves) and element ranges.
/// </summary>
public static partial class DicomDictionary
{
    private readonly record struct ExactEntry(uint Tag, string VR, string Keyword, string VM, bool Retired);

    private readonly record struct RangeEntry(int GroupLo, int GroupHi, int GroupStep, int ElementLo, int ElementHi, int ElementStep,
        string VR, string Keyword, string VM, bool Retired)
    {
        public bool Matches(DicomTag t) =>
            t.Group >= GroupLo && t.Group <= GroupHi && (t.Group - GroupLo) % GroupStep == 0 &&
            t.Element >= ElementLo && t.Element <= ElementHi && (t.Element - ElementLo) % ElementStep == 0;
    }

    // Entry objects are made when first asked for (the generated arrays are static data: nothing is indexed at start-up).
    // Held in a nested class so that the generated arrays (another partial file, whose field initialisers run in an
    // unspecified order relative to this file's) are complete before their lengths are read.
    private static class Made
    {
        public static readonly DicomDictionaryEntry?[] Exact = new DicomDictionaryEntry?[ExactEntries.Length];
        public static readonly DicomDictionaryEntry?[] Ranges = new DicomDictionaryEntry?[RangeEntries.Length];
    }

    private static DicomDictionaryEntry Exact(int i)
    {
        if (Made.Exact[i] is { } made) return made;
        var e = ExactEntries[i];
        var entry = new DicomDictionaryEntry(new DicomTag(e.Tag), e.VR, e.Keyword, e.VM, e.Retired);
        return Interlocked.CompareExchange(ref Made.Exact[i], entry, null) ?? entry;
    }

    private static DicomDictionaryEntry Range(int i)
    {
        if (Made.Ranges[i] is { } made) return made;
        var r = RangeEntries[i];
        var entry = new DicomDictionaryEntry(new DicomTag((ushort)r.GroupLo, (ushort)r.ElementLo), r.VR, r.Keyword, r.VM, r.Retired);
        return Interlocked.CompareExchange(ref Made.Ranges[i], entry, null) ?? entry;
    }

    /// <summary>Number of exact (non-range) entries.</summary>
    public static int Count => ExactEntries.Length;

    /// <summary>Finds the entry for a tag: exact, or a repeating group/element range. Private tags have none.</summary>
    public static bool TryGetEntry(DicomTag tag, out DicomDictionaryEntry entry)
    {
        int i = FindExact(tag.Value);
        if (i >= 0)
        {
            entry = Exact(i);
            return true;
        }

        for (int r = 0; r < RangeEntries.Length; r++)
        {
            if (RangeEntries[r].Matches(tag))
            {
                entry = Range(r) with { Tag = tag };
                return true;
            }
        }

        entry = null!;
        return false;
    }

    /// <summary>Keyword (case-sensitive, as in PS3.6) to tag; range entries give their first tag (e.g. OverlayData -> (6000,3000)).</summary>
    public static bool TryGetTag(string keyword, out DicomTag tag)
    {
        if (TryGetEntry(keyword, out var e))
        {
            tag = e.Tag;
            return true;
        }

        tag = default;
        return false;
    }

    /// <summary>Keyword to entry.</summary>
    public static bool TryGetEntry(string keyword, out DicomDictionaryEntry entry)
    {
        var order = KeywordOrder;
        int lo = 0, hi = order.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int n = order[mid];
            int c = string.CompareOrdinal(n < ExactEntries.Length ? ExactEntries[n].Keyword : RangeEntries[n - ExactEntries.Length].Keyword, keyword);
            if (c == 0)
            {
                entry = n < ExactEntries.Length ? Exact(n) : Range(n - ExactEntries.Length);
                return true;
            }

            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }

        entry = null!;
        return false;
    }

    /// <summary>Index of the exact entry with this tag (the generated array is sorted by tag), or -1.</summary>
    private static int FindExact(uint tag)
    {
        var entries = ExactEntries;
        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            uint t = entries[mid].Tag;
            if (t == tag) return mid;
            if (t < tag) lo = mid + 1;
            else hi = mid - 1;
        }

        return -1;
    }

    /// <summary>The keyword of a tag, or null.</summary>
    public static string? KeywordOf(DicomTag tag) => TryGetEntry(tag, out var e) ? e.Keyword : null;

    /// <summary>
    /// The VR to assume for an element whose encoding carries none (implicit VR): the dictionary's first choice,
    /// UL for group lengths, LO for private creators, UN otherwise (PS3.5 7.1.3, 7.8.1).
    /// </summary>
    public static DicomVR ImplicitVR(DicomTag tag)
    {
        if (tag.IsGroupLength) return DicomVR.UL;
        if (tag.IsPrivateCreator) return DicomVR.LO;
        if (tag.IsPrivate) return DicomVR.UN;
        return TryGetEntry(tag, out var e) ? e.DefaultVR : DicomVR.UN;
    }
}
