using PixelScrub.Dicom;
using PixelScrub.Rules.Ctp;

namespace PixelScrub.Rules;

/// <summary>
/// The one place rule files turn names into tags: standard DICOM keywords through the data dictionary,
/// then (for CTP scripts) the dcm4che 1.x names CTP accepts.
/// </summary>
internal static class TagNames
{
    public static bool TryResolveKeyword(string keyword, out uint tag)
    {
        if (DicomDictionary.TryGetTag(keyword, out var t))
        {
            tag = t.Value;
            return true;
        }

        tag = 0;
        return false;
    }

    /// <summary>A keyword, or a dcm4che 1.x name from CTP's vocabulary.</summary>
    public static bool TryResolveCtpName(string name, out uint tag)
    {
        if (TryResolveKeyword(name, out tag)) return true;
        foreach (var keyword in Dcm4cheNames.Candidates(name))
        {
            if (TryResolveKeyword(keyword, out tag)) return true;
        }

        return false;
    }

    /// <summary>The standard keyword of a tag, when the dictionary has one.</summary>
    public static string? KeywordOf(uint tag) =>
        DicomDictionary.KeywordOf(new DicomTag((ushort)(tag >> 16), (ushort)tag));

    /// <summary>Parses "GGGGEEEE" (exactly eight hex digits).</summary>
    public static bool TryParseHexTag(ReadOnlySpan<char> hex, out uint tag) =>
        uint.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out tag) && hex.Length == 8;
}
