using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Turns the quantized coefficients of a sequential DCT frame (8- or 12-bit) into interleaved samples:
/// dequantise and inverse DCT per block (<see cref="InverseDct"/>), upsample subsampled components to the
/// full frame (<see cref="Upsampling"/>), optionally convert YCbCr to RGB (<see cref="ColorConversion"/>).
/// Samples come out pixel by pixel, components in frame order (8-bit as bytes, 12-bit as ushorts).
/// </summary>
internal static class JpegPixelDecoder
{
    /// <summary>True when the samples will be converted from YCbCr to RGB under <paramref name="transform"/>.</summary>
    public static bool ConvertsToRgb(JpegCoefficients coefficients, JpegColorTransform transform)
    {
        var components = coefficients.Frame.Components;
        if (components.Length != 3) return false;
        return transform switch
        {
            JpegColorTransform.None => false,
            JpegColorTransform.YCbCrToRgb => true,
            _ when coefficients.HasJfif => true,
            _ when coefficients.AdobeTransform >= 0 => coefficients.AdobeTransform != 0,
            _ => !(components[0].Id == 'R' && components[1].Id == 'G' && components[2].Id == 'B'),
        };
    }

    /// <summary>Samples in one frame's output: width x height x components.</summary>
    public static long SampleCount(JpegFrame frame) => (long)frame.Width * frame.Height * frame.Components.Length;

    private static int CheckedSampleCount(JpegFrame frame)
    {
        long count = SampleCount(frame);
        if (count > Array.MaxLength)
            throw new UnsupportedInputException($"a {frame.Width}x{frame.Height} frame with {frame.Components.Length} components is too large to decode into one buffer");
        return (int)count;
    }

    /// <summary>Decodes an 8-bit frame into <paramref name="output"/> (at least <see cref="SampleCount"/> bytes).</summary>
    public static void Decode(JpegCoefficients coefficients, JpegColorTransform transform, Span<byte> output)
    {
        if (coefficients.Frame.Precision != 8)
            throw new ArgumentException($"{coefficients.Frame.Precision}-bit samples need a ushort buffer");
        Run(coefficients, transform, output);
    }

    /// <summary>Decodes a 12-bit frame into <paramref name="output"/> (at least <see cref="SampleCount"/> ushorts).</summary>
    public static void Decode(JpegCoefficients coefficients, JpegColorTransform transform, Span<ushort> output)
    {
        if (coefficients.Frame.Precision == 8)
            throw new ArgumentException("8-bit samples need a byte buffer");
        Run(coefficients, transform, output);
    }

    /// <summary>Decodes a code stream (one frame) to 8-bit samples.</summary>
    public static byte[] Decode8(ReadOnlySpan<byte> codestream, JpegColorTransform transform = JpegColorTransform.Auto)
    {
        var coefficients = JpegCoefficientDecoder.Decode(codestream);
        if (coefficients.Frame.Precision != 8)
            throw new UnsupportedInputException($"expected 8-bit JPEG samples, the frame has {coefficients.Frame.Precision}-bit precision");
        var output = new byte[CheckedSampleCount(coefficients.Frame)];
        Run<byte>(coefficients, transform, output);
        return output;
    }

    /// <summary>Decodes a code stream (one frame) of 12-bit (or 8-bit) precision to ushort samples.</summary>
    public static ushort[] Decode16(ReadOnlySpan<byte> codestream, JpegColorTransform transform = JpegColorTransform.Auto)
    {
        var coefficients = JpegCoefficientDecoder.Decode(codestream);
        var output = new ushort[CheckedSampleCount(coefficients.Frame)];
        if (coefficients.Frame.Precision == 8)
        {
            var bytes = ArrayPool<byte>.Shared.Rent(output.Length);
            try
            {
                Run<byte>(coefficients, transform, bytes.AsSpan(0, output.Length));
                for (int i = 0; i < output.Length; i++) output[i] = bytes[i];
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
        else
        {
            Run<ushort>(coefficients, transform, output);
        }

        return output;
    }

    private static void Run<T>(JpegCoefficients coefficients, JpegColorTransform transform, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>
    {
        JpegFrame frame = coefficients.Frame;
        if (frame.IsLossless) throw new UnsupportedInputException("lossless JPEG frames have no DCT coefficients to decode here");
        if (frame.Precision != 8 && frame.Precision != 12)
            throw new UnsupportedInputException($"DCT JPEG with {frame.Precision}-bit precision is not supported (T.81 allows 8 and 12)");
        int n = frame.Components.Length;
        int width = frame.Width, height = frame.Height;
        if (output.Length < SampleCount(frame)) throw new ArgumentException("output buffer too small for the frame");

        Span<int> hRatio = stackalloc int[n];
        Span<int> vRatio = stackalloc int[n];
        for (int c = 0; c < n; c++)
        {
            var comp = frame.Components[c];
            // Components must tile the MCU with whole-number ratios (as in libjpeg); e.g. H = 3 with Hmax = 2 cannot.
            if (frame.HMax % comp.H != 0 || frame.VMax % comp.V != 0)
                throw new UnsupportedInputException(
                    $"component {comp.Id} has sampling {comp.H}x{comp.V} that does not divide {frame.HMax}x{frame.VMax}");
            hRatio[c] = frame.HMax / comp.H;
            vRatio[c] = frame.VMax / comp.V;
        }

        bool toRgb = ConvertsToRgb(coefficients, transform);
        int max = (1 << frame.Precision) - 1, center = 1 << (frame.Precision - 1);
        var planes = new T[n][];
        var rows = new T[n][];
        try
        {
            for (int c = 0; c < n; c++)
            {
                var comp = frame.Components[c];
                int stride = comp.WidthInBlocks * 8;
                planes[c] = ArrayPool<T>.Shared.Rent(stride * comp.HeightInBlocks * 8);
                Transform(coefficients, c, planes[c], stride);
                rows[c] = ArrayPool<T>.Shared.Rent(comp.Width * hRatio[c]);
            }

            for (int y = 0; y < height; y++)
            {
                Span<T> outRow = output.Slice(y * width * n, width * n);
                for (int c = 0; c < n; c++)
                {
                    var comp = frame.Components[c];
                    int stride = comp.WidthInBlocks * 8;
                    Upsampling.Row<T>(planes[c], stride, comp.Width, comp.Height, hRatio[c], vRatio[c], y, rows[c]);
                }

                if (n == 1)
                {
                    rows[0].AsSpan(0, width).CopyTo(outRow);
                }
                else if (toRgb && typeof(T) == typeof(byte))
                {
                    ColorConversion.YCbCrToRgb8((byte[])(object)rows[0], (byte[])(object)rows[1], (byte[])(object)rows[2],
                        width, MemoryMarshal.Cast<T, byte>(outRow));
                }
                else if (toRgb)
                {
                    ColorConversion.YCbCrToRgb<T>(rows[0], rows[1], rows[2], width, outRow, center, max);
                }
                else
                {
                    for (int c = 0; c < n; c++)
                    {
                        ReadOnlySpan<T> r = rows[c];
                        for (int x = 0; x < width; x++) outRow[x * n + c] = r[x];
                    }
                }
            }
        }
        finally
        {
            foreach (var p in planes)
            {
                if (p is not null) ArrayPool<T>.Shared.Return(p);
            }

            foreach (var r in rows)
            {
                if (r is not null) ArrayPool<T>.Shared.Return(r);
            }
        }
    }

    /// <summary>Inverse transforms the blocks that cover component <paramref name="c"/>'s samples into its plane.</summary>
    private static void Transform<T>(JpegCoefficients coefficients, int c, T[] plane, int stride)
        where T : unmanaged, IBinaryInteger<T>
    {
        var comp = coefficients.Frame.Components[c];
        ReadOnlySpan<ushort> quant = coefficients.QuantTables[comp.QuantTable]
            ?? throw new JpegFormatException($"quantization table {comp.QuantTable} is never defined", coefficients.Frame.Offset);
        short[] blocks = coefficients.Blocks[c];
        for (int by = 0; by < comp.HeightInBlocks; by++)
        {
            for (int bx = 0; bx < comp.WidthInBlocks; bx++)
            {
                ReadOnlySpan<short> block = blocks.AsSpan((by * comp.BlocksPerLine + bx) * 64, 64);
                int start = by * 8 * stride + bx * 8;
                if (typeof(T) == typeof(byte))
                    InverseDct.Transform8(block, quant, ((byte[])(object)plane).AsSpan(start), stride);
                else
                    InverseDct.Transform12(block, quant, ((ushort[])(object)plane).AsSpan(start), stride);
            }
        }
    }
}
