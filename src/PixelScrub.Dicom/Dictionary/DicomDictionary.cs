using System.Collections.Frozen;

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

    // Built in a nested class so that the generated arrays (another partial file, whose field initialisers run in an
    // unspecified order relative to this file's) are complete before the indexes read them.
    private static class Tables
    {
        public static readonly FrozenDictionary<uint, DicomDictionaryEntry> ByTag =
            ExactEntries.ToFrozenDictionary(e => e.Tag, e => new DicomDictionaryEntry(new DicomTag(e.Tag), e.VR, e.Keyword, e.VM, e.Retired));

        public static readonly DicomDictionaryEntry[] Ranges = RangeEntries
            .Select(r => new DicomDictionaryEntry(new DicomTag((ushort)r.GroupLo, (ushort)r.ElementLo), r.VR, r.Keyword, r.VM, r.Retired))
            .ToArray();

        public static readonly FrozenDictionary<string, DicomDictionaryEntry> ByKeyword = BuildKeywordIndex();
    }

    private static FrozenDictionary<uint, DicomDictionaryEntry> ByTag => Tables.ByTag;
    private static DicomDictionaryEntry[] Ranges => Tables.Ranges;
    private static FrozenDictionary<string, DicomDictionaryEntry> ByKeyword => Tables.ByKeyword;

    /// <summary>Number of exact (non-range) entries.</summary>
    public static int Count => ByTag.Count;

    /// <summary>Finds the entry for a tag: exact, or a repeating group/element range. Private tags have none.</summary>
    public static bool TryGetEntry(DicomTag tag, out DicomDictionaryEntry entry)
    {
        if (ByTag.TryGetValue(tag.Value, out entry!)) return true;
        for (int i = 0; i < RangeEntries.Length; i++)
        {
            if (RangeEntries[i].Matches(tag))
            {
                entry = Ranges[i] with { Tag = tag };
                return true;
            }
        }

        entry = null!;
        return false;
    }

    /// <summary>Keyword (case-sensitive, as in PS3.6) to tag; range entries give their first tag (e.g. OverlayData -> (6000,3000)).</summary>
    public static bool TryGetTag(string keyword, out DicomTag tag)
    {
        if (ByKeyword.TryGetValue(keyword, out var e))
        {
            tag = e.Tag;
            return true;
        }

        tag = default;
        return false;
    }

    /// <summary>Keyword to entry.</summary>
    public static bool TryGetEntry(string keyword, out DicomDictionaryEntry entry) => ByKeyword.TryGetValue(keyword, out entry!);

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

    private static FrozenDictionary<string, DicomDictionaryEntry> BuildKeywordIndex()
    {
        var map = new Dictionary<string, DicomDictionaryEntry>(StringComparer.Ordinal);
        foreach (var e in Tables.ByTag.Values.OrderBy(e => e.Retired).ThenBy(e => e.Tag.Value))
        {
            if (e.Keyword.Length > 0) map.TryAdd(e.Keyword, e);
        }

        foreach (var e in Tables.Ranges)
        {
            if (e.Keyword.Length > 0) map.TryAdd(e.Keyword, e);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
