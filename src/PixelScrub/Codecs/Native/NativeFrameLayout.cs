using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// Moves samples between a codec's buffer (1 or 2 bytes per sample, pixel-interleaved or by plane) and
/// native DICOM pixel data (little endian output, the layout's Planar Configuration).
/// </summary>
internal static class NativeFrameLayout
{
    /// <summary>Copies codec samples into a native frame; samples are zero-extended to the layout's width.</summary>
    public static void ToNative(ReadOnlySpan<byte> source, int sourceBytesPerSample, bool sourcePlanar, PixelLayout layout, Span<byte> destination)
    {
        int samples = layout.SamplesPerPixel;
        int pixels = layout.Rows * layout.Columns;
        int destinationBytes = layout.BitsAllocated / 8;
        bool destinationPlanar = layout.PlanarConfiguration == 1 && samples > 1;
        if (sourceBytesPerSample == destinationBytes && (samples == 1 || sourcePlanar == destinationPlanar))
        {
            source[..(pixels * samples * destinationBytes)].CopyTo(destination);
            return;
        }

        for (int s = 0; s < samples; s++)
        {
            for (int p = 0; p < pixels; p++)
            {
                int from = sourcePlanar ? s * pixels + p : p * samples + s;
                int to = destinationPlanar ? s * pixels + p : p * samples + s;
                int value = sourceBytesPerSample == 1 ? source[from] : source[2 * from] | source[2 * from + 1] << 8;
                if (destinationBytes == 1)
                {
                    destination[to] = (byte)value;
                }
                else
                {
                    destination[2 * to] = (byte)value;
                    destination[2 * to + 1] = (byte)(value >> 8);
                }
            }
        }
    }

    /// <summary>
    /// Copies a native frame into a codec buffer of 1 or 2 bytes per sample in the native frame's own sample
    /// order, keeping only the low <see cref="PixelLayout.BitsStored"/> bits of each sample (the codec codes
    /// unsigned values of that precision; bits above it are not image data, PS3.5 8.1.1).
    /// </summary>
    public static void FromNative(ReadOnlySpan<byte> native, PixelLayout layout, Span<byte> destination, int destinationBytesPerSample)
    {
        int count = layout.Rows * layout.Columns * layout.SamplesPerPixel;
        int sourceBytes = layout.BitsAllocated / 8;
        int mask = layout.BitsStored >= 16 ? 0xFFFF : (1 << layout.BitsStored) - 1;
        for (int i = 0; i < count; i++)
        {
            int value = sourceBytes == 1
                ? native[i]
                : layout.BigEndian ? native[2 * i] << 8 | native[2 * i + 1] : native[2 * i] | native[2 * i + 1] << 8;
            value &= mask;
            if (destinationBytesPerSample == 1)
            {
                destination[i] = (byte)value;
            }
            else
            {
                destination[2 * i] = (byte)value;
                destination[2 * i + 1] = (byte)(value >> 8);
            }
        }
    }
}
