using System.Text;

namespace PixelScrub.Dicom.Text;

/// <summary>
/// The runtime's GB18030 code page predates GB18030-2005/2022, which moved 25 two-byte codes from private-use
/// code points to the standard characters (vertical punctuation forms, U+1E3F and CJK ideographs), as the C
/// library and DCMTK read them. Decoding maps those private-use code points to the standard characters;
/// encoding maps them back so the two-byte codes are written.
/// </summary>
internal static class Gb18030Revision
{
    // (private-use code point the runtime uses, standard scalar value) for the codes A6D9-A6DF, A6EC, A6ED,
    // A6F3, A8BC and FE51-FEA0 that GB18030-2005 and -2022 assign.
    private static readonly (char Private, int Standard)[] Moved =
    [
        ('\uE78D', 0xFE10), ('\uE78E', 0xFE12), ('\uE78F', 0xFE11), ('\uE790', 0xFE13), ('\uE791', 0xFE14),
        ('\uE792', 0xFE15), ('\uE793', 0xFE16), ('\uE794', 0xFE17), ('\uE795', 0xFE18), ('\uE796', 0xFE19),
        ('\uE7C7', 0x1E3F), ('\uE816', 0x20087), ('\uE817', 0x20089), ('\uE818', 0x200CC), ('\uE81E', 0x9FB4),
        ('\uE826', 0x9FB5), ('\uE82B', 0x9FB6), ('\uE82C', 0x9FB7), ('\uE831', 0x215D7), ('\uE832', 0x9FB8),
        ('\uE83B', 0x2298F), ('\uE843', 0x9FB9), ('\uE854', 0x9FBA), ('\uE855', 0x241FE), ('\uE864', 0x9FBB),
    ];

    private static readonly Dictionary<char, string> ToStandard = BuildToStandard();
    private static readonly Dictionary<string, char> ToPrivate = BuildToPrivate();

    /// <summary>Replaces the private-use code points of moved codes by their standard characters.</summary>
    public static string Decoded(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uE78D', '\uE864') < 0) return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (ToStandard.TryGetValue(c, out var standard)) builder.Append(standard);
            else builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Replaces the standard characters of moved codes by the private-use code points the runtime encodes
    /// as those two-byte codes.</summary>
    public static string ForEncoding(string text)
    {
        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            int width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (ToPrivate.TryGetValue(text.Substring(i, width), out char replacement))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append(replacement);
            }
            else
            {
                builder?.Append(text, i, width);
            }

            i += width - 1;
        }

        return builder?.ToString() ?? text;
    }

    private static Dictionary<char, string> BuildToStandard()
    {
        var map = new Dictionary<char, string>(Moved.Length);
        foreach (var (p, s) in Moved) map.Add(p, char.ConvertFromUtf32(s));
        return map;
    }

    private static Dictionary<string, char> BuildToPrivate()
    {
        var map = new Dictionary<string, char>(Moved.Length, StringComparer.Ordinal);
        foreach (var (p, s) in Moved) map.Add(char.ConvertFromUtf32(s), p);
        return map;
    }
}
