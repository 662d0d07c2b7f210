using System.Text;

namespace PixelScrub.Dicom.Text;

/// <summary>
/// One graphic character set that a Specific Character Set term designates into G0 or G1 (PS3.3 C.12.1.1.2,
/// Tables C.12-2 to C.12-5), with the escape sequence that designates it and its byte-to-character mapping.
/// Mapping tables are built once, on first use, from the runtime's code pages and then only read.
/// </summary>
internal sealed class GraphicSet
{
    private const char Replacement = '\uFFFD';

    private readonly int _codePage;
    private readonly bool _jis0212;
    /// <summary>Positions where the current edition of the standard differs from the runtime's code page: the byte
    /// (single-byte sets) or the GR form of the code (double-byte sets), and the character.</summary>
    private readonly (int Code, char Char)[] _revisions;
    private readonly Lazy<char[]> _table;
    private readonly Lazy<Dictionary<char, ushort>> _reverse;

    private GraphicSet(
        string name, GraphicSetKind kind, bool isG0, byte[] escape, int codePage, bool jis0212 = false,
        (int Code, char Char)[]? revisions = null)
    {
        _revisions = revisions ?? [];
        Name = name;
        Kind = kind;
        IsG0 = isG0;
        Escape = escape;
        _codePage = codePage;
        _jis0212 = jis0212;
        _table = new Lazy<char[]>(BuildTable, LazyThreadSafetyMode.ExecutionAndPublication);
        _reverse = new Lazy<Dictionary<char, ushort>>(BuildReverse, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The ISO-IR registration and the common name, for messages.</summary>
    public string Name { get; }

    public GraphicSetKind Kind { get; }

    /// <summary>True for a set designated into G0 (invoked into GL, bytes 0x21-0x7E); false for G1 (GR, 0xA0-0xFF).</summary>
    public bool IsG0 { get; }

    /// <summary>The ISO 2022 escape sequence that designates this set, ESC included.</summary>
    public byte[] Escape { get; }

    public bool IsDoubleByte => Kind == GraphicSetKind.DoubleByte;

    // Table C.12-2 / C.12-3: single-byte sets. G0 ESC ( F; G1 96-sets ESC - F, 94-sets ESC ) F.
    public static readonly GraphicSet Ascii = new("ISO-IR 6 (ASCII)", GraphicSetKind.Ascii, true, [0x1B, 0x28, 0x42], 0);
    public static readonly GraphicSet JisRoman = new("ISO-IR 14 (JIS X 0201 Romaji)", GraphicSetKind.JisRoman, true, [0x1B, 0x28, 0x4A], 0);
    public static readonly GraphicSet JisKatakana = new("ISO-IR 13 (JIS X 0201 Katakana)", GraphicSetKind.JisKatakana, false, [0x1B, 0x29, 0x49], 0);
    public static readonly GraphicSet Latin1 = Upper("ISO-IR 100 (ISO 8859-1)", 0x41, 28591);
    public static readonly GraphicSet Latin2 = Upper("ISO-IR 101 (ISO 8859-2)", 0x42, 28592);
    public static readonly GraphicSet Latin3 = Upper("ISO-IR 109 (ISO 8859-3)", 0x43, 28593);
    public static readonly GraphicSet Latin4 = Upper("ISO-IR 110 (ISO 8859-4)", 0x44, 28594);
    public static readonly GraphicSet Cyrillic = Upper("ISO-IR 144 (ISO 8859-5)", 0x4C, 28595);
    public static readonly GraphicSet Arabic = Upper("ISO-IR 127 (ISO 8859-6)", 0x47, 28596);
    // ISO 8859-7:2003 changed 0xA1/0xA2 to the quotation marks and added 0xA4, 0xA5 and 0xAA.
    public static readonly GraphicSet Greek = Upper("ISO-IR 126 (ISO 8859-7)", 0x46, 28597,
        [(0xA1, '\u2018'), (0xA2, '\u2019'), (0xA4, '\u20AC'), (0xA5, '\u20AF'), (0xAA, '\u037A')]);

    // ISO 8859-8:1999 has MACRON at 0xAF; the 2001 edition added LRM and RLM at 0xFD and 0xFE.
    public static readonly GraphicSet Hebrew = Upper("ISO-IR 138 (ISO 8859-8)", 0x48, 28598,
        [(0xAF, '\u00AF'), (0xFD, '\u200E'), (0xFE, '\u200F')]);
    public static readonly GraphicSet Latin5 = Upper("ISO-IR 148 (ISO 8859-9)", 0x4D, 28599);
    public static readonly GraphicSet Latin9 = Upper("ISO-IR 203 (ISO 8859-15)", 0x62, 28605);
    // TIS 620 leaves 0xA0 undefined (code page 874 puts NO-BREAK SPACE there).
    public static readonly GraphicSet Thai = Upper("ISO-IR 166 (TIS 620-2533)", 0x54, 874, [(0xA0, Replacement)]);

    // Table C.12-4: multi-byte sets. G0 94^2 sets ESC $ F (or ESC $ ( F), G1 94^2 sets ESC $ ) F.
    // The 94x94 sets are read through the runtime's EUC-style code pages: 20932 holds JIS X 0208 (both bytes
    // with the high bit set) and JIS X 0212 (first byte high bit set, second byte not); the EUC range of 949 is
    // KS X 1001 (51949 misreads B4D3); 20936 is GB 2312. 20932 also reads the NEC special characters of row 13
    // (circled digits and the like), which Japanese systems write although JIS X 0208 leaves the row empty.
    public static readonly GraphicSet Jis0208 = new("ISO-IR 87 (JIS X 0208)", GraphicSetKind.DoubleByte, true, [0x1B, 0x24, 0x42], 20932);
    // JIS X 0212 row 2 has TILDE at cell 23 and NUMERO SIGN at cell 81, which code page 20932 lacks. Its rows
    // past 77 are empty in the standard; 20932 puts vendor characters there, which are not read.
    public static readonly GraphicSet Jis0212 = new("ISO-IR 159 (JIS X 0212)", GraphicSetKind.DoubleByte, true, [0x1B, 0x24, 0x28, 0x44], 20932,
        jis0212: true, revisions: [(0xA2B7, '\uFF5E'), (0xA2F1, '\u2116')]);
    // KS X 1001:2002 added the postal code mark at row 2, cell 72 (A2E8 in GR).
    public static readonly GraphicSet Ksx1001 = new("ISO-IR 149 (KS X 1001)", GraphicSetKind.DoubleByte, false, [0x1B, 0x24, 0x29, 0x43], 949,
        revisions: [(0xA2E8, '\u327E')]);
    // GB 2312 row 1, cell 12 (A1AC) is DOUBLE VERTICAL LINE; code page 20936 leaves it unmapped.
    public static readonly GraphicSet Gb2312 = new("ISO-IR 58 (GB 2312)", GraphicSetKind.DoubleByte, false, [0x1B, 0x24, 0x29, 0x41], 20936,
        revisions: [(0xA1AC, '\u2016')]);

    /// <summary>Every set that has an escape sequence, for matching escapes found in values.</summary>
    public static readonly GraphicSet[] All =
    [
        Ascii, JisRoman, JisKatakana, Latin1, Latin2, Latin3, Latin4, Cyrillic, Arabic, Greek, Hebrew, Latin5, Latin9,
        Thai, Jis0208, Jis0212, Ksx1001, Gb2312,
    ];

    private static GraphicSet Upper(string name, byte final, int codePage, (int Code, char Char)[]? revisions = null) =>
        new(name, GraphicSetKind.SingleByte, false, [0x1B, 0x2D, final], codePage, revisions: revisions);

    /// <summary>The set whose escape sequence starts <paramref name="bytes"/> (which starts with ESC), or null.</summary>
    public static GraphicSet? MatchEscape(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 3) return null;
        foreach (var set in All)
        {
            // Compare the intermediate and final bytes first: most sets differ there.
            var escape = set.Escape;
            if (escape[1] != bytes[1] || escape[2] != bytes[2]) continue;
            if (bytes.StartsWith(escape)) return set;
        }

        return null;
    }

    /// <summary>
    /// The character of a G1 single-byte set for a byte 0x80-0xFF (katakana or a 96-set); U+FFFD where the set
    /// has no character.
    /// </summary>
    public char MapHigh(byte b)
    {
        if (Kind == GraphicSetKind.JisKatakana)
        {
            // JIS X 0201: 0xA1-0xDF are the half-width katakana U+FF61-U+FF9F.
            return b is >= 0xA1 and <= 0xDF ? (char)(0xFF61 + (b - 0xA1)) : Replacement;
        }

        return _table.Value[b - 0x80];
    }

    /// <summary>The characters of bytes 0x80-0xFF of a G1 single-byte 96-set (U+FFFD where undefined).</summary>
    public char[] HighTable => _table.Value;

    /// <summary>The character of a 94x94 set for a pair of row/cell bytes, each 0x21-0x7E; U+FFFD where undefined.</summary>
    public char MapPair(byte first, byte second) => _table.Value[(first - 0x21) * 94 + (second - 0x21)];

    /// <summary>
    /// Encodes one character in this set: one byte (0x21-0x7E for G0, 0xA0-0xFF for G1) or, for a 94x94 set,
    /// two bytes in the 0x21-0x7E (G0) or 0xA1-0xFE (G1) range. False when the set does not hold it.
    /// </summary>
    public bool TryEncode(char c, out ushort code, out int length)
    {
        code = 0;
        length = 0;
        switch (Kind)
        {
            case GraphicSetKind.Ascii:
                if (c is < (char)0x21 or > (char)0x7E) return false;
                code = c;
                length = 1;
                return true;
            case GraphicSetKind.JisRoman:
                if (c == '\u00A5') code = 0x5C;
                else if (c == '\u203E') code = 0x7E;
                else if (c is >= (char)0x21 and <= (char)0x7E and not '\\' and not '~') code = c;
                else return false;
                length = 1;
                return true;
            case GraphicSetKind.JisKatakana:
                if (c is < '\uFF61' or > '\uFF9F') return false;
                code = (ushort)(c - 0xFF61 + 0xA1);
                length = 1;
                return true;
            default:
                if (c == Replacement || !_reverse.Value.TryGetValue(c, out code)) return false;
                length = IsDoubleByte ? 2 : 1;
                return true;
        }
    }

    private char[] BuildTable()
    {
        // The code pages provider holds the legacy code pages without being registered globally; ISO 8859-1 is
        // built into the runtime instead.
        var decoderFallback = new DecoderReplacementFallback(Replacement.ToString());
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(_codePage, EncoderFallback.ExceptionFallback, decoderFallback)
            ?? Encoding.GetEncoding(_codePage, EncoderFallback.ExceptionFallback, decoderFallback);
        Span<byte> bytes = stackalloc byte[2];
        Span<char> chars = stackalloc char[4];
        if (!IsDoubleByte)
        {
            var table = new char[128];
            for (int b = 0x80; b < 0x100; b++)
            {
                if (b < 0xA0)
                {
                    // 08/00-09/15 are the C1 control positions of an ISO 8859 code (ISO/IEC 4873), not graphic
                    // characters of the set; they map to the C1 code points as ISO 8859 decoders do.
                    table[b - 0x80] = (char)b;
                    continue;
                }

                bytes[0] = (byte)b;
                table[b - 0x80] = Checked(chars, encoding.GetChars(bytes[..1], chars));
            }

            foreach (var (code, c) in _revisions) table[code - 0x80] = c;
            return table;
        }

        var pairs = new char[94 * 94];
        pairs.AsSpan().Fill(Replacement);
        int rows = _jis0212 ? 77 : 94;
        for (int row = 0; row < rows; row++)
        {
            for (int cell = 0; cell < 94; cell++)
            {
                bytes[0] = (byte)(0xA1 + row);
                // Code page 20932 keeps JIS X 0212 apart from JIS X 0208 by a second byte without its high bit.
                bytes[1] = (byte)(_jis0212 ? 0x21 + cell : 0xA1 + cell);
                pairs[row * 94 + cell] = Checked(chars, encoding.GetChars(bytes, chars));
            }
        }

        // Revisions of double-byte sets are keyed by the GR form of the code (0xA1A1 is row 1, cell 1).
        foreach (var (code, c) in _revisions) pairs[((code >> 8) - 0xA1) * 94 + (code & 0xFF) - 0xA1] = c;
        return pairs;
    }

    /// <summary>The single character a code gave, or U+FFFD for nothing, several characters or a private-use
    /// character (the Windows code pages' placeholder for positions the standard leaves undefined).</summary>
    private static char Checked(ReadOnlySpan<char> chars, int count)
    {
        if (count != 1) return Replacement;
        char c = chars[0];
        return c is >= '\uE000' and <= '\uF8FF' ? Replacement : c;
    }

    private Dictionary<char, ushort> BuildReverse()
    {
        var table = _table.Value;
        var reverse = new Dictionary<char, ushort>(table.Length);
        for (int i = 0; i < table.Length; i++)
        {
            char c = table[i];
            if (c == Replacement) continue;
            ushort code = IsDoubleByte
                ? (ushort)(((0x21 + i / 94) << 8) | (0x21 + i % 94))
                : (ushort)(0x80 + i);
            reverse.TryAdd(c, code);
        }

        return reverse;
    }
}
