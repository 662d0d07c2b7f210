namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// A Huffman table as a DHT segment carries it (T.81 B.2.4.2): BITS (number of codes of each length 1..16)
/// and HUFFVAL (the symbols in order of increasing code length). Immutable once built.
/// </summary>
internal sealed class JpegHuffmanSpec
{
    private readonly byte[] _counts;
    private readonly byte[] _values;

    /// <summary>Builds a table; validates that the counts describe a prefix code (T.81 C.2).</summary>
    /// <exception cref="ArgumentException">The counts and values do not form a valid table.</exception>
    public JpegHuffmanSpec(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        if (!IsValid(counts, values.Length, out var reason)) throw new ArgumentException(reason);
        _counts = counts.ToArray();
        _values = values.ToArray();
    }

    /// <summary>BITS: Counts[i] is the number of codes of length i + 1.</summary>
    public ReadOnlySpan<byte> Counts => _counts;

    /// <summary>HUFFVAL: the symbols by increasing code length.</summary>
    public ReadOnlySpan<byte> Values => _values;

    /// <summary>
    /// True when 16 counts describe at most 256 codes that fit in their lengths (T.81 C.2: codes are assigned
    /// in order of length; none may overflow, and no code is all ones).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> counts, int valueCount, out string reason)
    {
        if (counts.Length != 16) { reason = "a Huffman table needs 16 code counts"; return false; }
        int total = 0;
        int code = 0;
        for (int len = 1; len <= 16; len++)
        {
            int n = counts[len - 1];
            total += n;
            code += n;
            // After assigning the codes of this length, `code` is the next free code. T.81 C.2 never assigns
            // an all-ones code (so 0xFF fill bits cannot form a code); libjpeg rejects such tables too.
            if (n > 0 && code >= (1 << len)) { reason = $"Huffman code lengths overflow at length {len}"; return false; }
            code <<= 1;
        }

        if (total > 256) { reason = $"Huffman table declares {total} codes (at most 256)"; return false; }
        if (total != valueCount) { reason = $"Huffman table declares {total} codes but has {valueCount} values"; return false; }
        reason = "";
        return true;
    }

    /// <summary>Code lengths per code in HUFFSIZE order and the codes themselves (T.81 C.1, C.2).</summary>
    internal void GenerateCodes(Span<byte> sizes, Span<ushort> codes)
    {
        int k = 0;
        int code = 0;
        for (int len = 1; len <= 16; len++)
        {
            for (int i = 0; i < _counts[len - 1]; i++)
            {
                sizes[k] = (byte)len;
                codes[k] = (ushort)code;
                code++;
                k++;
            }

            code <<= 1;
        }
    }

    /// <summary>True when both tables have the same BITS and HUFFVAL.</summary>
    public bool SequenceEquals(JpegHuffmanSpec other) =>
        _counts.AsSpan().SequenceEqual(other._counts) && _values.AsSpan().SequenceEqual(other._values);
}
