using System.Buffers;

namespace PixelScrub.Dicom.Text;

/// <summary>
/// Decodes a value whose character set is made of graphic sets in G0 (GL, 0x21-0x7E) and G1 (GR, 0xA0-0xFF),
/// following ISO 2022 escape sequences that re-designate them (PS3.5 6.1.2.4 and 6.1.2.5). At every point where
/// PS3.5 6.1.2.5.3 requires the initial sets to be active again (CR, LF, FF, TAB, and for the value kinds that
/// have them the <c>\</c>, <c>^</c> and <c>=</c> delimiters) the state returns to the initial designation.
/// Never throws for bad bytes: they become U+FFFD and are named in the problem list.
/// </summary>
internal static class Iso2022Decoder
{
    private const byte Esc = 0x1B;
    private const char Replacement = '\uFFFD';
    private const int MaxProblems = 16;

    [System.Runtime.CompilerServices.SkipLocalsInit]
    public static string Decode(DicomCharacterSet set, ReadOnlySpan<byte> value, TextKind kind, ICollection<string>? problems)
    {
        // Every byte gives at most one character, escape sequences none.
        char[]? rented = null;
        Span<char> output = value.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            int n = Run(set, value, kind, output, problems);
            return new string(output[..n]);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static int Run(DicomCharacterSet set, ReadOnlySpan<byte> value, TextKind kind, Span<char> output, ICollection<string>? problems)
    {
        GraphicSet g0 = set.InitialG0;
        GraphicSet? g1 = set.InitialG1;
        int n = 0;
        int i = 0;
        while (i < value.Length)
        {
            byte b = value[i];
            if (b == Esc)
            {
                var designated = GraphicSet.MatchEscape(value[i..]);
                if (designated is null)
                {
                    Report(problems, $"unknown escape sequence at byte {i}");
                    output[n++] = Replacement;
                    i++;
                    continue;
                }

                if (!set.CodeExtensions)
                {
                    Report(problems, "escape sequences in a value whose Specific Character Set allows no code extensions");
                }
                else if (!set.Lists(designated))
                {
                    Report(problems, $"escape sequence for {designated.Name}, which Specific Character Set does not list");
                }

                if (designated.IsG0) g0 = designated;
                else g1 = designated;
                i += designated.Escape.Length;
                continue;
            }

            if (b <= 0x20 || b == 0x7F)
            {
                // Controls and SPACE are the same in every G0 set.
                output[n++] = (char)b;
                i++;
                if (b is 0x09 or 0x0A or 0x0C or 0x0D)
                {
                    g0 = set.InitialG0;
                    g1 = set.InitialG1;
                }

                continue;
            }

            if (b < 0x80)
            {
                if (g0.IsDoubleByte)
                {
                    // In a 94x94 set a delimiter byte is half of a character, never a delimiter (PS3.5 6.1.2.3).
                    if (i + 1 < value.Length && value[i + 1] is >= 0x21 and <= 0x7E)
                    {
                        char c = g0.MapPair(b, value[i + 1]);
                        if (c == Replacement) Report(problems, $"no character in {g0.Name} at byte {i}");
                        output[n++] = c;
                        i += 2;
                    }
                    else
                    {
                        Report(problems, $"incomplete {g0.Name} character at byte {i}");
                        output[n++] = Replacement;
                        i++;
                    }

                    continue;
                }

                if (IsDelimiter(b, kind))
                {
                    output[n++] = (char)b;
                    g0 = set.InitialG0;
                    g1 = set.InitialG1;
                }
                else if (g0.Kind == GraphicSetKind.JisRoman && b is 0x5C or 0x7E)
                {
                    // JIS X 0201 Romaji differs from ASCII at 05/12 (YEN SIGN) and 07/14 (OVERLINE).
                    output[n++] = b == 0x5C ? '\u00A5' : '\u203E';
                }
                else
                {
                    output[n++] = (char)b;
                }

                i++;
                continue;
            }

            if (g1 is null)
            {
                // Bytes outside the default repertoire: kept readable as ISO 8859-1, as most readers do.
                Report(problems, $"byte 0x{b:X2} at {i} is outside the character repertoire; read as ISO 8859-1");
                output[n++] = (char)b;
                i++;
                continue;
            }

            if (g1.IsDoubleByte)
            {
                if (b is >= 0xA1 and <= 0xFE && i + 1 < value.Length && value[i + 1] is >= 0xA1 and <= 0xFE)
                {
                    char c = g1.MapPair((byte)(b & 0x7F), (byte)(value[i + 1] & 0x7F));
                    if (c == Replacement) Report(problems, $"no character in {g1.Name} at byte {i}");
                    output[n++] = c;
                    i += 2;
                }
                else
                {
                    Report(problems, $"invalid {g1.Name} byte 0x{b:X2} at {i}");
                    output[n++] = Replacement;
                    i++;
                }

                continue;
            }

            char single = g1.MapHigh(b);
            if (single == Replacement) Report(problems, $"byte 0x{b:X2} at {i} has no character in {g1.Name}");
            output[n++] = single;
            i++;
        }

        return n;
    }

    /// <summary>The delimiters before which the initial sets must be active again (PS3.5 6.1.2.5.3).</summary>
    internal static bool IsDelimiter(byte b, TextKind kind) => kind switch
    {
        TextKind.MultiValued => b == 0x5C,
        TextKind.PersonName => b is 0x5C or 0x5E or 0x3D,
        _ => false,
    };

    /// <summary>Adds a problem unless the list already holds it or is full (a garbage value must not flood it).</summary>
    internal static void Report(ICollection<string>? problems, string problem)
    {
        if (problems is null || problems.Count >= MaxProblems || problems.Contains(problem)) return;
        problems.Add(problem);
    }
}
