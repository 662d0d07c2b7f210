using System.Buffers.Binary;
using System.Buffers;
using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

internal static partial class FrameRenderer
{
    private static RenderedImage RenderColour(ReadOnlySpan<byte> frame, PixelLayout layout, string photometric)
    {
        int n = checked(layout.Rows * layout.Columns);
        bool is422 = photometric == "YBR_FULL_422";
        int sampleCount = is422 ? n * 2 : n * 3;
        var image = new RenderedImage(layout.Columns, layout.Rows, 3);
        var rgb = image.Pixels.AsSpan();
        if (photometric == "RGB" && layout.BitsAllocated == 8 && layout.BitsStored == 8)
        {
            // 8-bit RGB is already display values: copy (planar configuration 0) or interleave the planes.
            if (layout.PlanarConfiguration == 0)
            {
                frame.Slice(0, sampleCount).CopyTo(rgb);
            }
            else
            {
                var r = frame.Slice(0, n);
                var g = frame.Slice(n, n);
                var b = frame.Slice(2 * n, n);
                for (int i = 0; i < n; i++)
                {
                    rgb[3 * i] = r[i];
                    rgb[3 * i + 1] = g[i];
                    rgb[3 * i + 2] = b[i];
                }
            }

            return image;
        }

        if (layout.BitsAllocated == 32)
        {
            Rgb32(frame, layout, n, rgb);
            return image;
        }

        int[] owner = ArrayPool<int>.Shared.Rent(sampleCount);
        try
        {
            var s = owner.AsSpan(0, sampleCount);
            SampleReader.ReadInt32(frame, layout, s);
            int bits = layout.BitsStored;
            if (is422)
            {
                // Y1 Y2 Cb Cr for each pair of pixels along a row (columns are even, so pairs never straddle rows).
                for (int k = 0, o = 0; k < sampleCount; k += 4, o += 6)
                {
                    YbrToRgb(s[k], s[k + 2], s[k + 3], bits, rgb.Slice(o, 3));
                    YbrToRgb(s[k + 1], s[k + 2], s[k + 3], bits, rgb.Slice(o + 3, 3));
                }

                return image;
            }

            bool planar = layout.PlanarConfiguration == 1;
            bool ybr = photometric == "YBR_FULL";
            for (int i = 0; i < n; i++)
            {
                int a, b, c;
                if (planar)
                {
                    a = s[i];
                    b = s[n + i];
                    c = s[2 * n + i];
                }
                else
                {
                    a = s[3 * i];
                    b = s[3 * i + 1];
                    c = s[3 * i + 2];
                }

                var px = rgb.Slice(3 * i, 3);
                if (ybr)
                {
                    YbrToRgb(a, b, c, bits, px);
                }
                else
                {
                    px[0] = ScaleTo8(a, bits);
                    px[1] = ScaleTo8(b, bits);
                    px[2] = ScaleTo8(c, bits);
                }
            }

            return image;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(owner);
        }
    }

    /// <summary>32-bit RGB samples: the high 8 of the stored bits.</summary>
    private static void Rgb32(ReadOnlySpan<byte> frame, PixelLayout layout, int n, Span<byte> rgb)
    {
        int bits = layout.BitsStored;
        int shift = layout.EffectiveHighBit + 1 - bits;
        ulong mask = (1UL << bits) - 1;
        bool planar = layout.PlanarConfiguration == 1;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                int sample = planar ? k * n + i : 3 * i + k;
                var bytes = frame.Slice(sample * 4, 4);
                uint raw = layout.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
                ulong v = (raw >> shift) & mask;
                rgb[3 * i + k] = bits >= 8 ? (byte)(v >> (bits - 8)) : ScaleTo8((int)v, bits);
            }
        }
    }

    /// <summary>PS3.3 C.7.6.3.1.2 YBR_FULL: full-range ITU-R BT.601 luminance and chrominance, centred at 2^(bits-1).</summary>
    private static void YbrToRgb(int y, int cb, int cr, int bits, Span<byte> rgb)
    {
        double mid = 1 << (bits - 1);
        double max = (1 << bits) - 1;
        double dcb = cb - mid, dcr = cr - mid;
        double r = y + 1.402 * dcr;
        double g = y - 0.344136 * dcb - 0.714136 * dcr;
        double b = y + 1.772 * dcb;
        double scale = 255.0 / max;
        rgb[0] = ToByte(Math.Clamp(r, 0, max) * scale);
        rgb[1] = ToByte(Math.Clamp(g, 0, max) * scale);
        rgb[2] = ToByte(Math.Clamp(b, 0, max) * scale);
    }

    /// <summary>A sample of <paramref name="bits"/> bits to 8 bits: the high bits when wider, stretched when narrower.</summary>
    private static byte ScaleTo8(int v, int bits)
    {
        if (bits == 8) return (byte)Math.Min(v, 255);
        if (bits > 8) return (byte)Math.Min(v >> (bits - 8), 255);
        int max = (1 << bits) - 1;
        return (byte)((v * 255 + max / 2) / max);
    }

    private static RenderedImage RenderPalette(ReadOnlySpan<byte> frame, PixelLayout layout, RenderParameters p)
    {
        if (p.RedPalette is not { } red || p.GreenPalette is not { } green || p.BluePalette is not { } blue)
            throw new UnsupportedInputException("cannot render: PALETTE COLOR without red, green and blue palette tables");

        // Tables declared as 16-bit whose entries all fit in 8 bits are read as 8-bit, as common viewers do:
        // writers that put 8-bit palettes in 16-bit words otherwise render almost black.
        int redBits = EffectiveBits(red), greenBits = EffectiveBits(green), blueBits = EffectiveBits(blue);

        int n = checked(layout.Rows * layout.Columns);
        var image = new RenderedImage(layout.Columns, layout.Rows, 3);
        var rgb = image.Pixels.AsSpan();
        int[] owner = ArrayPool<int>.Shared.Rent(n);
        byte[]? tableOwner = null;
        try
        {
            var values = owner.AsSpan(0, n);
            SampleReader.ReadInt32(frame, layout, values);
            int min = int.MaxValue, max = int.MinValue;
            foreach (int v in values)
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }

            int range = max - min + 1;
            tableOwner = ArrayPool<byte>.Shared.Rent(range * 3);
            var table = tableOwner.AsSpan(0, range * 3);
            for (int i = 0; i < range; i++)
            {
                table[3 * i] = ScaleTo8(red.Map(min + i), redBits);
                table[3 * i + 1] = ScaleTo8(green.Map(min + i), greenBits);
                table[3 * i + 2] = ScaleTo8(blue.Map(min + i), blueBits);
            }

            for (int i = 0; i < n; i++)
            {
                int t = 3 * (values[i] - min);
                rgb[3 * i] = table[t];
                rgb[3 * i + 1] = table[t + 1];
                rgb[3 * i + 2] = table[t + 2];
            }

            return image;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(owner);
            if (tableOwner is not null) ArrayPool<byte>.Shared.Return(tableOwner);
        }
    }

    private static int EffectiveBits(LookupTable lut)
    {
        if (lut.BitsPerEntry <= 8) return lut.BitsPerEntry;
        int max = 0;
        foreach (ushort e in lut.Entries) max = Math.Max(max, e);
        return max <= 255 ? 8 : lut.BitsPerEntry;
    }
}
