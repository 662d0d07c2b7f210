using System.Buffers.Binary;
using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

/// <summary>
/// Reads the stored values of native samples in storage order: bits outside [HighBit-BitsStored+1, HighBit]
/// are dropped (overlay bits, PS3.5 8.1.1) and signed values are sign-extended from BitsStored.
/// </summary>
internal static class SampleReader
{
    /// <summary>Integer samples of 1, 8 or 16 bits allocated into <paramref name="output"/>.</summary>
    public static void ReadInt32(ReadOnlySpan<byte> data, PixelLayout layout, Span<int> output)
    {
        int bitsStored = layout.BitsStored;
        int shift = layout.EffectiveHighBit + 1 - bitsStored;
        int mask = bitsStored >= 32 ? -1 : (int)((1u << bitsStored) - 1);
        bool signed = layout.IsSigned;
        int extend = 32 - bitsStored;
        switch (layout.BitsAllocated)
        {
            case 1:
                // PS3.5 8.1.1 / D.2: 1-bit pixels are packed, the first pixel in the least significant bit.
                for (int i = 0; i < output.Length; i++) output[i] = PackedBits.Get(data, i);
                return;

            case 8:
                for (int i = 0; i < output.Length; i++)
                {
                    int v = (data[i] >> shift) & mask;
                    output[i] = signed ? (v << extend) >> extend : v;
                }

                return;

            case 16:
                if (!layout.BigEndian && shift == 0 && !signed && bitsStored == 16)
                {
                    for (int i = 0; i < output.Length; i++) output[i] = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(i * 2, 2));
                    return;
                }

                for (int i = 0; i < output.Length; i++)
                {
                    var bytes = data.Slice(i * 2, 2);
                    int raw = layout.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
                    int v = (raw >> shift) & mask;
                    output[i] = signed ? (v << extend) >> extend : v;
                }

                return;

            default:
                throw new ArgumentException($"{layout.BitsAllocated} bits allocated is not read as 32-bit integers", nameof(layout));
        }
    }

    /// <summary>Any sample format (integer of 1 to 32 bits, float32, float64) as doubles.</summary>
    public static void ReadDouble(ReadOnlySpan<byte> data, PixelLayout layout, Span<double> output)
    {
        switch (layout.Format)
        {
            case SampleFormat.Float32:
                for (int i = 0; i < output.Length; i++)
                {
                    var bytes = data.Slice(i * 4, 4);
                    output[i] = layout.BigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes);
                }

                return;

            case SampleFormat.Float64:
                for (int i = 0; i < output.Length; i++)
                {
                    var bytes = data.Slice(i * 8, 8);
                    output[i] = layout.BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
                }

                return;
        }

        if (layout.BitsAllocated != 32)
        {
            int[] buffer = System.Buffers.ArrayPool<int>.Shared.Rent(output.Length);
            try
            {
                var ints = buffer.AsSpan(0, output.Length);
                ReadInt32(data, layout, ints);
                for (int i = 0; i < output.Length; i++) output[i] = ints[i];
            }
            finally
            {
                System.Buffers.ArrayPool<int>.Shared.Return(buffer);
            }

            return;
        }

        int bitsStored = layout.BitsStored;
        int shift = layout.EffectiveHighBit + 1 - bitsStored;
        ulong mask = (1UL << bitsStored) - 1;
        int extend = 64 - bitsStored;
        for (int i = 0; i < output.Length; i++)
        {
            var bytes = data.Slice(i * 4, 4);
            uint raw = layout.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            ulong v = (raw >> shift) & mask;
            output[i] = layout.IsSigned ? (double)((long)(v << extend) >> extend) : v;
        }
    }
}
