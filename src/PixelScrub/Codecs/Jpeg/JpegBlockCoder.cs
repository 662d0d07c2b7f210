using System.Numerics;
using System.Runtime.CompilerServices;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Huffman coding of one 8x8 block of quantized coefficients for sequential DCT (T.81 F.1.2, F.2.2).
/// Blocks are 64 shorts in natural (row-major) order.
/// </summary>
internal static class JpegBlockCoder
{
    /// <summary>Largest DC difference category for a precision: 11 for 8-bit, 15 for 12-bit (T.81 Table F.1).</summary>
    public static int MaxDcCategory(int precision) => precision + 3;

    /// <summary>Largest AC category: 10 for 8-bit, 14 for 12-bit (T.81 Table F.2).</summary>
    public static int MaxAcCategory(int precision) => precision + 2;

    /// <summary>
    /// Decodes one block into <paramref name="block"/> (natural order; must be zeroed by the caller) and
    /// updates the DC predictor. Stops at the first problem and reports it.
    /// </summary>
    public static JpegBlockStatus Decode(ref JpegBitReader reader, scoped Span<short> block, scoped ref int predictor,
        JpegHuffmanDecodeTable dc, JpegHuffmanDecodeTable ac, int precision) =>
        Run(ref reader, block, true, ref predictor, dc, ac, precision);

    /// <summary>
    /// Decodes one block without keeping the coefficients (only the DC predictor), for passes that only need
    /// to find block boundaries and validate the data.
    /// </summary>
    public static JpegBlockStatus Skip(ref JpegBitReader reader, scoped ref int predictor,
        JpegHuffmanDecodeTable dc, JpegHuffmanDecodeTable ac, int precision) =>
        Run(ref reader, default, false, ref predictor, dc, ac, precision);

    /// <summary>
    /// The decoding loop (T.81 F.2.2.1, F.2.2.2), with the bit buffer in locals: a refill before each code
    /// guarantees 57 bits, enough for a code (at most 16 bits) and its value bits (at most 16).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static JpegBlockStatus Run(ref JpegBitReader reader, scoped Span<short> block, bool keep, scoped ref int predictor,
        JpegHuffmanDecodeTable dc, JpegHuffmanDecodeTable ac, int precision)
    {
        reader.GetBuffer(out ulong acc, out int count);
        if (count < 32) reader.Refill(ref acc, ref count);
        ushort[] look = dc.Lookahead;
        int entry = look[(int)(acc >> (count - JpegHuffmanDecodeTable.LookaheadBits)) & ((1 << JpegHuffmanDecodeTable.LookaheadBits) - 1)];
        int t;
        if (entry != 0)
        {
            count -= entry >> 8;
            t = entry & 0xFF;
        }
        else
        {
            reader.SetBuffer(acc, count);
            t = dc.DecodeSlow(ref reader);
            reader.GetBuffer(out acc, out count);
            if (t < 0) { reader.SetBuffer(acc, count); return JpegBlockStatus.BadDcCode; }
        }

        if (t > MaxDcCategory(precision)) { reader.SetBuffer(acc, count); return JpegBlockStatus.BadDcCategory; }
        int diff = 0;
        if (t != 0)
        {
            diff = (int)(acc >> (count - t)) & ((1 << t) - 1);
            count -= t;
            if (diff < (1 << (t - 1))) diff -= (1 << t) - 1; // EXTEND (T.81 Figure F.12)
        }

        int value = predictor + diff;
        if (value < short.MinValue || value > short.MaxValue) { reader.SetBuffer(acc, count); return JpegBlockStatus.DcOutOfRange; }
        predictor = value;
        if (keep) block[0] = (short)value;

        int maxAc = MaxAcCategory(precision);
        look = ac.Lookahead;
        ReadOnlySpan<byte> natural = JpegZigZag.NaturalOrder;
        for (int k = 1; k < 64;)
        {
            if (count < 32) reader.Refill(ref acc, ref count);
            entry = look[(int)(acc >> (count - JpegHuffmanDecodeTable.LookaheadBits)) & ((1 << JpegHuffmanDecodeTable.LookaheadBits) - 1)];
            int rs;
            if (entry != 0)
            {
                count -= entry >> 8;
                rs = entry & 0xFF;
            }
            else
            {
                reader.SetBuffer(acc, count);
                rs = ac.DecodeSlow(ref reader);
                reader.GetBuffer(out acc, out count);
                if (rs < 0) { reader.SetBuffer(acc, count); return JpegBlockStatus.BadAcCode; }
            }

            int run = rs >> 4;
            int size = rs & 15;
            if (size == 0)
            {
                if (run != 15) break;         // EOB
                k += 16;                      // ZRL: sixteen zeros
                if (k > 64) { reader.SetBuffer(acc, count); return JpegBlockStatus.BadAcCoefficient; }
                continue;
            }

            k += run;
            if (k > 63 || size > maxAc) { reader.SetBuffer(acc, count); return JpegBlockStatus.BadAcCoefficient; }
            if (keep)
            {
                int v = (int)(acc >> (count - size)) & ((1 << size) - 1);
                if (v < (1 << (size - 1))) v -= (1 << size) - 1;
                block[natural[k]] = (short)v;
            }

            count -= size;
            k++;
        }

        reader.SetBuffer(acc, count);
        return JpegBlockStatus.Ok;
    }

    /// <summary>The magnitude category SSSS of a value (T.81 Tables F.1, F.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Category(int value) => 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(value));

    /// <summary>
    /// Encodes one block (natural order) with DC difference <paramref name="dcDiff"/>. Returns
    /// <see cref="JpegBlockStatus.MissingCode"/> (having written a partial block) when a table lacks a symbol;
    /// check with <see cref="CanEncode"/> first when that matters.
    /// </summary>
    public static JpegBlockStatus Encode(JpegBitWriter writer, ReadOnlySpan<short> block, int dcDiff,
        JpegHuffmanEncodeTable dc, JpegHuffmanEncodeTable ac)
    {
        int t = Category(dcDiff);
        if (!dc.Contains(t)) return JpegBlockStatus.MissingCode;
        writer.WriteBits((uint)dc.CodeOf(t), dc.SizeOf(t));
        if (t > 0) writer.WriteBits((uint)(dcDiff < 0 ? dcDiff - 1 : dcDiff), t);

        ReadOnlySpan<byte> natural = JpegZigZag.NaturalOrder;
        int run = 0;
        for (int k = 1; k < 64; k++)
        {
            int v = block[natural[k]];
            if (v == 0)
            {
                run++;
                continue;
            }

            while (run > 15)
            {
                if (!ac.Contains(0xF0)) return JpegBlockStatus.MissingCode;
                writer.WriteBits((uint)ac.CodeOf(0xF0), ac.SizeOf(0xF0));
                run -= 16;
            }

            int s = Category(v);
            int rs = (run << 4) | s;
            if (!ac.Contains(rs)) return JpegBlockStatus.MissingCode;
            writer.WriteBits((uint)ac.CodeOf(rs), ac.SizeOf(rs));
            writer.WriteBits((uint)(v < 0 ? v - 1 : v), s);
            run = 0;
        }

        if (run > 0)
        {
            if (!ac.Contains(0x00)) return JpegBlockStatus.MissingCode;
            writer.WriteBits((uint)ac.CodeOf(0x00), ac.SizeOf(0x00));
        }

        return JpegBlockStatus.Ok;
    }

    /// <summary>True when both tables hold every symbol encoding this block needs.</summary>
    public static bool CanEncode(ReadOnlySpan<short> block, int dcDiff, JpegHuffmanEncodeTable dc, JpegHuffmanEncodeTable ac)
    {
        if (!dc.Contains(Category(dcDiff))) return false;
        ReadOnlySpan<byte> natural = JpegZigZag.NaturalOrder;
        int run = 0;
        for (int k = 1; k < 64; k++)
        {
            int v = block[natural[k]];
            if (v == 0)
            {
                run++;
                continue;
            }

            for (; run > 15; run -= 16)
            {
                if (!ac.Contains(0xF0)) return false;
            }

            if (!ac.Contains((run << 4) | Category(v))) return false;
            run = 0;
        }

        return run == 0 || ac.Contains(0x00);
    }

    /// <summary>Adds the symbols encoding this block needs to frequency tables (T.81 K.2 statistics).</summary>
    public static void Count(ReadOnlySpan<short> block, int dcDiff, Span<long> dcFrequencies, Span<long> acFrequencies)
    {
        dcFrequencies[Category(dcDiff)]++;
        ReadOnlySpan<byte> natural = JpegZigZag.NaturalOrder;
        int run = 0;
        for (int k = 1; k < 64; k++)
        {
            int v = block[natural[k]];
            if (v == 0)
            {
                run++;
                continue;
            }

            for (; run > 15; run -= 16) acFrequencies[0xF0]++;
            acFrequencies[(run << 4) | Category(v)]++;
            run = 0;
        }

        if (run > 0) acFrequencies[0x00]++;
    }
}
