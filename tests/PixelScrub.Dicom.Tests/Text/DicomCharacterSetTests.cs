using PixelScrub.Dicom.Text;

namespace PixelScrub.Dicom.Tests.Text;

/// <summary>Byte vectors from the examples of PS3.5 (6.2.1 and Annexes H to K) and single-byte samples.</summary>
public sealed class DicomCharacterSetTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static DicomCharacterSet Set(string value) => DicomCharacterSet.Parse(value.Split('\\'));

    // PS3.5 H.3.1: "\ISO 2022 IR 87", Yamada^Tarou=山田^太郎=やまだ^たろう. The kana ま is 24 5E: its second byte is
    // the ^ delimiter's code and must not end a component.
    private const string AnnexH1 =
        "59 61 6D 61 64 61 5E 54 61 72 6F 75 3D 1B 24 42 3B 33 45 44 1B 28 42 5E 1B 24 42 42 40 4F 3A 1B 28 42 3D " +
        "1B 24 42 24 64 24 5E 24 40 1B 28 42 5E 1B 24 42 24 3F 24 6D 24 26 1B 28 42";

    // PS3.5 H.3.2: "ISO 2022 IR 13\ISO 2022 IR 87", ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう, returning to JIS X 0201 Romaji (ESC ( J).
    private const string AnnexH2 =
        "D4 CF C0 DE 5E C0 DB B3 3D 1B 24 42 3B 33 45 44 1B 28 4A 5E 1B 24 42 42 40 4F 3A 1B 28 4A 3D " +
        "1B 24 42 24 64 24 5E 24 40 1B 28 4A 5E 1B 24 42 24 3F 24 6D 24 26 1B 28 4A";

    // PS3.5 I.2: "\ISO 2022 IR 149", Hong^Gildong=洪^吉洞=홍^길동, KS X 1001 re-designated into G1 after each delimiter.
    private const string AnnexI =
        "48 6F 6E 67 5E 47 69 6C 64 6F 6E 67 3D 1B 24 29 43 FB F3 5E 1B 24 29 43 D1 CE D4 D7 3D " +
        "1B 24 29 43 C8 AB 5E 1B 24 29 43 B1 E6 B5 BF";

    // PS3.5 J.3: GB18030, Wang^XiaoDong=王^小东=
    private const string AnnexJ = "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D CD F5 5E D0 A1 B6 AB 3D";

    // PS3.5 K.2: "\ISO 2022 IR 58", Zhang^XiaoDong=张^小东=
    private const string AnnexK =
        "5A 68 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D 1B 24 29 41 D5 C5 5E 1B 24 29 41 D0 A1 B6 AB 3D";

    [Theory]
    [InlineData("\\ISO 2022 IR 87", AnnexH1, "Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [InlineData("ISO 2022 IR 13\\ISO 2022 IR 87", AnnexH2, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")]
    [InlineData("\\ISO 2022 IR 149", AnnexI, "Hong^Gildong=洪^吉洞=홍^길동")]
    [InlineData("GB18030", AnnexJ, "Wang^XiaoDong=王^小东=")]
    [InlineData("\\ISO 2022 IR 58", AnnexK, "Zhang^XiaoDong=张^小东=")]
    public void StandardPersonNameExamples_DecodeAndEncodeBackToTheSameBytes(string terms, string hex, string expected)
    {
        var set = Set(terms);
        var problems = new List<string>();
        Assert.Equal(expected, set.Decode(Hex(hex), TextKind.PersonName, problems));
        Assert.Empty(problems);
        Assert.Empty(set.Warnings);
        Assert.Equal(Hex(hex), set.Encode(expected, TextKind.PersonName));
    }

    [Theory]
    [InlineData("ISO_IR 100", "42 75 63 5E 4A E9 72 F4 6D 65", "Buc^Jérôme")] // PS3.5 6.2.1.1
    [InlineData("ISO_IR 126", "C4 E9 EF ED F5 F3 E9 EF F2", "Διονυσιος")]
    [InlineData("ISO_IR 144", "BB EE DA 63 65 DC D1 79 70 D3", "Люкceмбypг")]
    [InlineData("ISO_IR 127", "E2 C8 C7 E6 EA 5E E4 E6 D2 C7 D1", "قباني^لنزار")]
    [InlineData("ISO_IR 138", "F9 F8 E5 EF 5E E3 E1 E5 F8 E4", "שרון^דבורה")]
    [InlineData("ISO_IR 166", "A1 C3 D8 A7 E0 B7 BE", "กรุงเทพ")]
    [InlineData("ISO_IR 101", "A3 F3 64 BC", "Łódź")]
    [InlineData("ISO_IR 109", "A1", "Ħ")]
    [InlineData("ISO_IR 110", "C0 C8", "ĀČ")]
    [InlineData("ISO_IR 148", "D0 FC 6E 65 FE", "Ğüneş")]
    [InlineData("ISO_IR 203", "A4 75 72 6F", "€uro")]
    [InlineData("ISO_IR 192", "4A C3 A9 72 C3 B4 6D 65 5E E5 B1 B1 E7 94 B0", "Jérôme^山田")]
    [InlineData("ISO_IR 13", "D4 CF C0 DE 5E C0 DB B3", "ﾔﾏﾀﾞ^ﾀﾛｳ")]
    [InlineData("ISO 2022 IR 100", "42 75 63 5E 4A E9 72 F4 6D 65", "Buc^Jérôme")]
    public void SingleByteAndUnicodeSamples_RoundTrip(string terms, string hex, string expected)
    {
        var set = Set(terms);
        var problems = new List<string>();
        Assert.Equal(expected, set.Decode(Hex(hex), TextKind.PersonName, problems));
        Assert.Empty(problems);
        Assert.Equal(Hex(hex), set.Encode(expected, TextKind.PersonName));
    }

    [Fact]
    public void Gbk_SecondByte0x5C_IsNotADelimiter()
    {
        // 乗 is 81 5C in GBK: only a single byte 05/12 separates values (PS3.5 6.1.2.3).
        var text = Set("GBK").Decode(Hex("81 5C 41 5C 42"), TextKind.MultiValued);
        Assert.Equal("乗A\\B", text);
        Assert.Equal(2, text.Split('\\').Length);
    }

    [Fact]
    public void Iso2022_InADoubleByteG0Set_TheBackslashByteIsHalfACharacter()
    {
        // 24 5C in JIS X 0208 is the hiragana ぼ: one character, not the value delimiter (PS3.5 6.1.2.3).
        var set = Set("\\ISO 2022 IR 87");
        Assert.Equal("ぼ", set.Decode(Hex("1B 24 42 24 5C 1B 28 42"), TextKind.MultiValued));
        Assert.Equal("山\uFFFD", set.Decode(Hex("1B 24 42 3B 33 5C"), TextKind.MultiValued));
    }

    [Theory]
    [InlineData(TextKind.Text, "0D", "\r")]
    [InlineData(TextKind.Text, "0A", "\n")]
    [InlineData(TextKind.Text, "0C", "\f")]
    [InlineData(TextKind.Text, "09", "\t")]
    [InlineData(TextKind.PersonName, "3D", "=")]
    [InlineData(TextKind.PersonName, "5C", "\\")]
    [InlineData(TextKind.MultiValued, "5C", "\\")]
    [InlineData(TextKind.PersonName, "5E", "^")]
    public void Iso2022_ResetsG1AtControlsAndDelimiters(TextKind kind, string delimiter, string expected)
    {
        // G1 is KS X 1001 after ESC $ ) C; after the delimiter the initial G1 (none) is active, so the byte C8
        // that follows is outside the repertoire.
        var set = Set("\\ISO 2022 IR 149");
        var problems = new List<string>();
        var text = set.Decode(Hex("1B 24 29 43 C8 AB " + delimiter + " C8"), kind, problems);
        Assert.Equal("홍" + expected + "\u00C8", text);
        Assert.Single(problems);
    }

    [Fact]
    public void Text_BackslashIsAnOrdinaryCharacter_AndDoesNotReset()
    {
        var set = Set("\\ISO 2022 IR 149");
        Assert.Equal("홍\\홍", set.Decode(Hex("1B 24 29 43 C8 AB 5C C8 AB"), TextKind.Text));
    }

    [Fact]
    public void JisX0212_DecodesThroughG0()
    {
        // ISO-IR 159 row 16 cell 1 (30 21) is 丂 U+4E02.
        var set = Set("\\ISO 2022 IR 159");
        Assert.Equal("丂", set.Decode(Hex("1B 24 28 44 30 21 1B 28 42"), TextKind.Text));
        Assert.Equal(Hex("1B 24 28 44 30 21 1B 28 42"), set.Encode("丂", TextKind.Text));
    }

    [Fact]
    public void JisX0201Romaji_YenAndOverline_ButTheDelimiterStaysABackslash()
    {
        var set = Set("ISO_IR 13");
        Assert.Equal("\u00A5\u203E", set.Decode(Hex("5C 7E"), TextKind.Text));
        Assert.Equal("A\\B", set.Decode(Hex("41 5C 42"), TextKind.MultiValued));
    }

    [Fact]
    public void Default_HighBytesAreReadAsLatin1_AndReported()
    {
        var problems = new List<string>();
        Assert.Equal("Müller", DicomCharacterSet.Default.Decode(Hex("4D FC 6C 6C 65 72"), TextKind.PersonName, problems));
        Assert.Single(problems);
        Assert.True(DicomCharacterSet.Default.IsDefault);
    }

    [Fact]
    public void Default_EncodeRefusesCharactersOutsideAscii()
    {
        Assert.False(DicomCharacterSet.Default.TryEncode("Müller", TextKind.PersonName, out var bytes));
        Assert.Empty(bytes);
        var e = Assert.Throws<UnsupportedInputException>(() => DicomCharacterSet.Default.Encode("Müller", TextKind.PersonName));
        Assert.Contains("U+00FC", e.Message, StringComparison.Ordinal);
        Assert.Equal(Hex("41 42"), DicomCharacterSet.Default.Encode("AB", TextKind.PersonName));
    }

    [Fact]
    public void Latin1_EncodeRefusesCyrillic()
    {
        Assert.False(Set("ISO_IR 100").TryEncode("Люк", TextKind.MultiValued, out _));
    }

    [Fact]
    public void Iso2022_EncodePicksTheListedSetThatHoldsEachCharacter()
    {
        // Latin-1 in G1 initially, Japanese kanji need ESC $ B, and the end returns to ASCII.
        var set = Set("ISO 2022 IR 100\\ISO 2022 IR 87");
        var bytes = set.Encode("é山", TextKind.MultiValued);
        Assert.Equal(Hex("E9 1B 24 42 3B 33 1B 28 42"), bytes);
        Assert.Equal("é山", set.Decode(bytes, TextKind.MultiValued));
    }

    [Fact]
    public void Utf8_InvalidBytesAreReplacedAndReported()
    {
        var problems = new List<string>();
        Assert.Equal("A\uFFFDB", Set("ISO_IR 192").Decode(Hex("41 C3 42"), TextKind.Text, problems));
        Assert.Single(problems);
    }

    [Fact]
    public void Utf8_EncodeRefusesALoneSurrogate()
    {
        Assert.False(Set("ISO_IR 192").TryEncode("A\uD800", TextKind.Text, out _));
    }

    [Fact]
    public void Gb18030_FourByteSequences()
    {
        // 81 30 81 30 is U+0080; 95 32 82 36 is U+20000 (a surrogate pair).
        Assert.Equal("\u0080\U00020000", Set("GB18030").Decode(Hex("81 30 81 30 95 32 82 36"), TextKind.Text));
    }

    [Fact]
    public void UnknownEscape_BecomesReplacementAndIsReported()
    {
        var problems = new List<string>();
        var text = Set("\\ISO 2022 IR 87").Decode(Hex("41 1B 25 47 42"), TextKind.Text, problems);
        Assert.Equal("A\uFFFD%GB", text);
        Assert.Single(problems);
    }

    [Fact]
    public void EscapeForAnUnlistedSet_IsFollowedAndReported()
    {
        // Files that carry JIS escapes but no Specific Character Set are common; reading them helps find names.
        var problems = new List<string>();
        Assert.Equal("山田", DicomCharacterSet.Default.Decode(Hex("1B 24 42 3B 33 45 44 1B 28 42"), TextKind.PersonName, problems));
        Assert.Single(problems);
    }

    [Fact]
    public void TruncatedDoubleByteCharacter_IsReplaced()
    {
        var problems = new List<string>();
        Assert.Equal("\uFFFD", Set("\\ISO 2022 IR 87").Decode(Hex("1B 24 42 3B"), TextKind.Text, problems));
        Assert.Single(problems);
        Assert.Equal("\uFFFD", Set("\\ISO 2022 IR 149").Decode(Hex("1B 24 29 43 C8"), TextKind.Text, problems));
    }

    [Theory]
    [InlineData(new string[0], true, 0)]
    [InlineData(new[] { "" }, true, 0)]
    [InlineData(new[] { "ISO_IR 6" }, true, 0)]
    [InlineData(new[] { "ISO_IR 100" }, false, 0)]
    [InlineData(new[] { "iso_ir 100" }, false, 1)]
    [InlineData(new[] { "ISO_IR100" }, false, 1)]
    [InlineData(new[] { "UTF-8" }, false, 1)]
    [InlineData(new[] { "NOT A CHARSET" }, true, 1)]
    [InlineData(new[] { "ISO_IR 192", "ISO 2022 IR 87" }, false, 1)]
    [InlineData(new[] { "ISO_IR 100", "ISO 2022 IR 87" }, false, 1)]
    [InlineData(new[] { "", "ISO 2022 IR 87", "NOPE" }, false, 1)]
    public void Parse_NeverThrows_AndWarnsAboutWhatItGuessed(string[] terms, bool isDefault, int warnings)
    {
        var set = DicomCharacterSet.Parse(terms);
        Assert.Equal(isDefault, set.IsDefault);
        Assert.Equal(warnings, set.Warnings.Count);
    }

    [Fact]
    public void Parse_RawValue_SplitsAndTrims()
    {
        var set = DicomCharacterSet.Parse(Hex("5C 49 53 4F 20 32 30 32 32 20 49 52 20 31 34 39 20"));
        Assert.Equal(["", "ISO 2022 IR 149"], set.Terms);
        Assert.True(set.CodeExtensions);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void MisspeltTerm_StillDecodes()
    {
        Assert.Equal("é", DicomCharacterSet.Parse(["iso_ir 100"]).Decode(Hex("E9"), TextKind.Text));
    }

    [Theory]
    [InlineData("PN", true, TextKind.PersonName)]
    [InlineData("LO", true, TextKind.MultiValued)]
    [InlineData("UT", true, TextKind.Text)]
    [InlineData("CS", false, TextKind.MultiValued)]
    public void TextKinds_OfVrs(string vr, bool affected, TextKind kind)
    {
        Assert.Equal(affected, DicomCharacterSet.TryGetTextKind(vr, out var k));
        Assert.Equal(kind, k);
    }

    [Fact]
    public void SeededRandomBytes_NeverThrow_AndGiveAtMostOneCharacterPerByte()
    {
        var random = new Random(5_000);
        string[] terms =
        [
            "", "ISO_IR 100", "ISO_IR 13", "ISO_IR 166", "ISO_IR 192", "GB18030", "GBK", "\\ISO 2022 IR 87",
            "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159", "\\ISO 2022 IR 149", "\\ISO 2022 IR 58",
            "ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144",
        ];
        byte[][] escapes =
        [
            [0x1B, 0x24, 0x42], [0x1B, 0x28, 0x42], [0x1B, 0x28, 0x4A], [0x1B, 0x29, 0x49], [0x1B, 0x24, 0x28, 0x44],
            [0x1B, 0x24, 0x29, 0x43], [0x1B, 0x24, 0x29, 0x41], [0x1B, 0x2D, 0x41], [0x1B, 0x2D, 0x46], [0x1B], [0x1B, 0x24],
        ];
        foreach (var t in terms)
        {
            var set = Set(t);
            for (int n = 0; n < 400; n++)
            {
                var bytes = new List<byte>();
                int length = random.Next(0, 40);
                while (bytes.Count < length)
                {
                    int pick = random.Next(10);
                    if (pick == 0) bytes.AddRange(escapes[random.Next(escapes.Length)]);
                    else if (pick < 3) bytes.Add((byte)"\\^= \r\n"[random.Next(6)]);
                    else bytes.Add((byte)random.Next(256));
                }

                var value = bytes.ToArray();
                foreach (var kind in new[] { TextKind.PersonName, TextKind.MultiValued, TextKind.Text })
                {
                    var problems = new List<string>();
                    var text = set.Decode(value, kind, problems);
                    Assert.True(text.Length <= value.Length, $"{t}: {text.Length} characters from {value.Length} bytes");
                    Assert.True(problems.Count <= 16);
                    Assert.Equal(text, set.Decode(value, kind));
                }
            }
        }
    }

    [Fact]
    public void SeededRandomText_RoundTripsThroughEveryCharacterSet()
    {
        var random = new Random(20261121);
        var cases = new (string Terms, string Alphabet)[]
        {
            ("ISO_IR 100", "abcXYZ éüßÆÿ"), ("ISO_IR 144", "abc Жюя№"), ("ISO_IR 126", "abc ΑΩαω"),
            ("\\ISO 2022 IR 87", "abc 山田太郎やまだアイ"), ("ISO 2022 IR 13\\ISO 2022 IR 87", "abc ﾔﾏﾀﾞ山田やま"),
            ("\\ISO 2022 IR 149", "abc 洪吉洞홍길동"), ("\\ISO 2022 IR 58", "abc 张小东王"),
            ("ISO 2022 IR 100\\ISO 2022 IR 87\\ISO 2022 IR 159", "abc é山丂"), ("GB18030", "abc 王\U00020000é"),
            ("ISO_IR 192", "abc é山홍\U0001F600"),
        };
        foreach (var (terms, alphabet) in cases)
        {
            var set = Set(terms);
            var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
            var pieces = new List<string>();
            while (elements.MoveNext()) pieces.Add((string)elements.Current);
            pieces.AddRange(["^", "=", "\\"]);
            for (int n = 0; n < 200; n++)
            {
                var text = string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => pieces[random.Next(pieces.Count)]));
                foreach (var kind in new[] { TextKind.PersonName, TextKind.MultiValued, TextKind.Text })
                {
                    var bytes = set.Encode(text, kind);
                    var problems = new List<string>();
                    Assert.Equal(text, set.Decode(bytes, kind, problems));
                    Assert.Empty(problems);
                }
            }
        }
    }
}
