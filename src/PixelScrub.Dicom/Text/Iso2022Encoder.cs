using System.Buffers;

namespace PixelScrub.Dicom.Text;

/// <summary>
/// Encodes text into graphic sets in G0/G1. With code extensions a character that the active sets do not hold
/// is written after the escape sequence of the first listed set that holds it; before every delimiter of the
/// value kind, before CR, LF, FF, TAB and at the end of the value the initial sets are designated again
/// (PS3.5 6.1.2.5.3, as the examples of Annexes H and I show).
/// </summary>
internal static class Iso2022Encoder
{
    public static bool TryEncode(DicomCharacterSet set, string value, TextKind kind, out byte[] bytes, out string? failure)
    {
        // At most: a 4-byte escape for G0 and for G1 plus two bytes per character, and the final reset.
        var buffer = ArrayPool<byte>.Shared.Rent(value.Length * 10 + 8);
        try
        {
            int n = 0;
            GraphicSet g0 = set.InitialG0;
            GraphicSet? g1 = set.InitialG1;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < 0x80 && (c is '\t' or '\n' or '\f' or '\r' || Iso2022Decoder.IsDelimiter((byte)c, kind)))
                {
                    n = Reset(set, buffer, n, ref g0, ref g1);
                    buffer[n++] = (byte)c;
                    continue;
                }

                if (c <= ' ' || c == '\u007F')
                {
                    // Other controls and SPACE are the same bytes whatever set is designated.
                    buffer[n++] = (byte)c;
                    continue;
                }

                if (!TryPlace(set, c, ref g0, ref g1, buffer, ref n))
                {
                    bytes = [];
                    failure = $"character U+{(int)c:X4} at index {i} cannot be written in Specific Character Set '{set}'";
                    return false;
                }
            }

            n = Reset(set, buffer, n, ref g0, ref g1);
            bytes = buffer.AsSpan(0, n).ToArray();
            failure = null;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryPlace(DicomCharacterSet set, char c, ref GraphicSet g0, ref GraphicSet? g1, byte[] buffer, ref int n)
    {
        if (Write(g0, c, buffer, ref n)) return true;
        if (g1 is not null && Write(g1, c, buffer, ref n)) return true;
        if (!set.CodeExtensions) return false;
        // The listed sets, then ISO-IR 6, which a value can always return to.
        for (int k = 0; k <= set.Sets.Length; k++)
        {
            var candidate = k < set.Sets.Length ? set.Sets[k] : GraphicSet.Ascii;
            if (ReferenceEquals(candidate, g0) || ReferenceEquals(candidate, g1)) continue;
            if (!candidate.TryEncode(c, out _, out _)) continue;
            candidate.Escape.CopyTo(buffer, n);
            n += candidate.Escape.Length;
            if (candidate.IsG0) g0 = candidate;
            else g1 = candidate;
            return Write(candidate, c, buffer, ref n);
        }

        return false;
    }

    private static bool Write(GraphicSet target, char c, byte[] buffer, ref int n)
    {
        if (!target.TryEncode(c, out ushort code, out int length)) return false;
        if (length == 2)
        {
            // G0 double-byte sets use 0x21-0x7E, G1 sets the same codes with the high bit set (GR).
            ushort mark = target.IsG0 ? (ushort)0 : (ushort)0x8080;
            buffer[n++] = (byte)((code | mark) >> 8);
            buffer[n++] = (byte)(code | mark);
        }
        else
        {
            buffer[n++] = (byte)code;
        }

        return true;
    }

    private static int Reset(DicomCharacterSet set, byte[] buffer, int n, ref GraphicSet g0, ref GraphicSet? g1)
    {
        if (!ReferenceEquals(g0, set.InitialG0))
        {
            set.InitialG0.Escape.CopyTo(buffer, n);
            n += set.InitialG0.Escape.Length;
            g0 = set.InitialG0;
        }

        if (!ReferenceEquals(g1, set.InitialG1))
        {
            if (set.InitialG1 is not null)
            {
                set.InitialG1.Escape.CopyTo(buffer, n);
                n += set.InitialG1.Escape.Length;
            }

            g1 = set.InitialG1;
        }

        return n;
    }
}
