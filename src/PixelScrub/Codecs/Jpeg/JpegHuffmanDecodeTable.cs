using System.Runtime.CompilerServices;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// A Huffman table prepared for decoding: a 9-bit lookahead table resolves short codes in one step; longer
/// codes go through MAXCODE / VALPTR (T.81 F.2.2.3, Figure F.16). A bit pattern that is no code of the table
/// decodes to -1.
/// </summary>
internal sealed class JpegHuffmanDecodeTable
{
    public const int LookaheadBits = 9;

    // Entry: (code length << 8) | symbol; 0 when the lookahead bits start no code of length <= 9.
    private readonly ushort[] _lookahead = new ushort[1 << LookaheadBits];
    private readonly int[] _maxCode = new int[18];   // per length; -1 when no code of that length
    private readonly int[] _valOffset = new int[18]; // symbol index = code + _valOffset[len]
    private readonly byte[] _values;

    public JpegHuffmanDecodeTable(JpegHuffmanSpec spec)
    {
        Spec = spec;
        _values = spec.Values.ToArray();
        int n = _values.Length;
        Span<byte> sizes = stackalloc byte[256];
        Span<ushort> codes = stackalloc ushort[256];
        spec.GenerateCodes(sizes, codes);

        int k = 0;
        for (int len = 1; len <= 16; len++)
        {
            int count = spec.Counts[len - 1];
            if (count == 0)
            {
                _maxCode[len] = -1;
                continue;
            }

            _valOffset[len] = k - codes[k];
            _maxCode[len] = codes[k + count - 1];
            k += count;
        }

        _maxCode[17] = int.MaxValue;
        for (int i = 0; i < n; i++)
        {
            int len = sizes[i];
            if (len > LookaheadBits) break;
            int shift = LookaheadBits - len;
            int first = codes[i] << shift;
            ushort entry = (ushort)((len << 8) | _values[i]);
            _lookahead.AsSpan(first, 1 << shift).Fill(entry);
        }
    }

    public JpegHuffmanSpec Spec { get; }

    /// <summary>The lookahead table: entry (length &lt;&lt; 8 | symbol) for the next 9 bits, 0 for longer codes.</summary>
    internal ushort[] Lookahead => _lookahead;

    /// <summary>Decodes one symbol; returns -1 when the bits are no code of this table.</summary>
    public int Decode(ref JpegBitReader reader)
    {
        reader.EnsureBits(16);
        return DecodeUnchecked(ref reader);
    }

    /// <summary>As <see cref="Decode"/>, when the caller has ensured at least 16 buffered bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeUnchecked(ref JpegBitReader reader)
    {
        int entry = _lookahead[reader.PeekUnchecked(LookaheadBits)];
        if (entry != 0)
        {
            reader.SkipUnchecked(entry >> 8);
            return entry & 0xFF;
        }

        return DecodeSlow(ref reader);
    }

    /// <summary>Codes longer than the lookahead (MAXCODE search, T.81 Figure F.16); -1 when no code matches.</summary>
    internal int DecodeSlow(ref JpegBitReader reader)
    {
        int bits16 = (int)reader.PeekUnchecked(16);
        for (int len = LookaheadBits + 1; len <= 16; len++)
        {
            int code = bits16 >> (16 - len);
            if (code <= _maxCode[len])
            {
                reader.SkipUnchecked(len);
                return _values[code + _valOffset[len]];
            }
        }

        return -1;
    }
}
