using System.Text;

namespace PixelScrub.Dicom.Text;

/// <summary>The defined terms of Specific Character Set (PS3.3 Tables C.12-2 to C.12-5) and their lookup.</summary>
internal static class CharacterTerms
{
    private static readonly Dictionary<string, CharacterTerm> ByTerm = Build();

    /// <summary>The same terms keyed with every character but letters and digits removed, for misspelt values.</summary>
    private static readonly Dictionary<string, CharacterTerm> ByLooseTerm = BuildLoose();

    public static CharacterTerm Default { get; } = ByTerm["ISO_IR 6"];

    /// <summary>Finds a defined term. <paramref name="exact"/> is false when only a loose match (case, spaces,
    /// underscores or hyphens differ) was found.</summary>
    public static CharacterTerm? Find(string value, out bool exact)
    {
        if (ByTerm.TryGetValue(value, out var term))
        {
            exact = true;
            return term;
        }

        exact = false;
        return ByLooseTerm.GetValueOrDefault(Loose(value));
    }

    private static Dictionary<string, CharacterTerm> Build()
    {
        var terms = new List<CharacterTerm>
        {
            // ISO_IR 6 is not a defined term (value 1 empty means the default repertoire) but is written in practice.
            CharacterTerm.Plain("ISO_IR 6", GraphicSet.Ascii, null, "ISO 2022 IR 6"),
            CharacterTerm.Iso2022("ISO 2022 IR 6", GraphicSet.Ascii, null),
            CharacterTerm.WholeEncoding("ISO_IR 192", new UTF8Encoding(false, false)),
            CharacterTerm.WholeEncoding("GB18030", CodePage(54936)),
            CharacterTerm.WholeEncoding("GBK", CodePage(936)),
            CharacterTerm.Plain("ISO_IR 13", GraphicSet.JisRoman, GraphicSet.JisKatakana, "ISO 2022 IR 13"),
            CharacterTerm.Iso2022("ISO 2022 IR 13", GraphicSet.JisRoman, GraphicSet.JisKatakana),
            CharacterTerm.Iso2022("ISO 2022 IR 87", GraphicSet.Jis0208, null),
            CharacterTerm.Iso2022("ISO 2022 IR 159", GraphicSet.Jis0212, null),
            CharacterTerm.Iso2022("ISO 2022 IR 149", null, GraphicSet.Ksx1001),
            CharacterTerm.Iso2022("ISO 2022 IR 58", null, GraphicSet.Gb2312),
        };
        foreach (var (ir, set) in new (int, GraphicSet)[]
        {
            (100, GraphicSet.Latin1), (101, GraphicSet.Latin2), (109, GraphicSet.Latin3), (110, GraphicSet.Latin4),
            (144, GraphicSet.Cyrillic), (127, GraphicSet.Arabic), (126, GraphicSet.Greek), (138, GraphicSet.Hebrew),
            (148, GraphicSet.Latin5), (203, GraphicSet.Latin9), (166, GraphicSet.Thai),
        })
        {
            terms.Add(CharacterTerm.Plain($"ISO_IR {ir}", GraphicSet.Ascii, set, $"ISO 2022 IR {ir}"));
            terms.Add(CharacterTerm.Iso2022($"ISO 2022 IR {ir}", GraphicSet.Ascii, set));
        }

        var map = new Dictionary<string, CharacterTerm>(StringComparer.Ordinal);
        foreach (var t in terms) map.Add(t.DefinedTerm, t);
        return map;
    }

    private static Dictionary<string, CharacterTerm> BuildLoose()
    {
        var map = new Dictionary<string, CharacterTerm>(StringComparer.Ordinal);
        foreach (var t in ByTerm.Values) map.Add(Loose(t.DefinedTerm), t);
        // Names seen in files written by tools that used the encoding's name instead of the defined term.
        map.TryAdd("UTF8", ByTerm["ISO_IR 192"]);
        map.TryAdd("ISO885915", ByTerm["ISO_IR 203"]);
        map.TryAdd("ISO88591", ByTerm["ISO_IR 100"]);
        return map;
    }

    private static string Loose(string value)
    {
        Span<char> buffer = stackalloc char[Math.Min(value.Length, 64)];
        int n = 0;
        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c)) continue;
            if (n == buffer.Length) break;
            buffer[n++] = char.ToUpperInvariant(c);
        }

        return new string(buffer[..n]);
    }

    private static Encoding CodePage(int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD"))
        ?? throw new UnsupportedInputException($"code page {codePage} is not available in this runtime");
}
