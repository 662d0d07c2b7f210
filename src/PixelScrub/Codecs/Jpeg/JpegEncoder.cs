using System.Buffers;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Baseline sequential DCT encoder (T.81 SOF0, 8-bit, Huffman): 1 component (grey) or 3 (YCbCr, converted
/// from RGB or given as is) at 4:4:4, 4:2:2 or 4:2:0. The pixel half lives here (planes, level shift, forward
/// DCT, quantisation with the K.1 tables scaled by quality); the code stream is written by
/// <see cref="JpegCoefficientEncoder"/> (one interleaved scan, K.3 or K.2-optimised Huffman tables, optional
/// restart interval and JFIF APP0), SOI to EOI. <see cref="Encode12(ReadOnlySpan{ushort}, int, int, JpegEncoderInput, JpegEncoderOptions?)"/>
/// makes 12-bit extended sequential frames (SOF1, always with optimised tables: K.3 lacks 12-bit categories).
/// </summary>
internal static class JpegEncoder
{
    /// <summary>Encodes interleaved 8-bit pixels (1 sample per pixel for grey, 3 otherwise).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, JpegEncoderInput input,
        JpegEncoderOptions? options = null)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(4096, width * height / 4));
        Encode(pixels, width, height, input, options ?? new JpegEncoderOptions(), output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Encodes into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<byte> pixels, int width, int height, JpegEncoderInput input,
        JpegEncoderOptions options, IBufferWriter<byte> output) =>
        Core(pixels, width, height, input, options, output);

    /// <summary>
    /// Encodes 12-bit samples (0..4095; grey, or Y, Cb, Cr interleaved) as an extended sequential frame (SOF1).
    /// </summary>
    public static byte[] Encode12(ReadOnlySpan<ushort> samples, int width, int height, JpegEncoderInput input,
        JpegEncoderOptions? options = null)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(4096, width * height / 2));
        Encode12(samples, width, height, input, options ?? new JpegEncoderOptions(), output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Encodes 12-bit samples into <paramref name="output"/>.</summary>
    public static void Encode12(ReadOnlySpan<ushort> samples, int width, int height, JpegEncoderInput input,
        JpegEncoderOptions options, IBufferWriter<byte> output)
    {
        if (input == JpegEncoderInput.Rgb)
            throw new ArgumentException("12-bit input is grey or YCbCr; RGB conversion is for 8-bit samples", nameof(input));
        foreach (ushort v in samples)
        {
            if (v > 4095) throw new ArgumentException($"12-bit samples are 0..4095; found {v}", nameof(samples));
        }

        Core(samples, width, height, input, options, output);
    }

    private static void Core<T>(ReadOnlySpan<T> pixels, int width, int height, JpegEncoderInput input,
        JpegEncoderOptions options, IBufferWriter<byte> output) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        bool twelve = typeof(T) == typeof(ushort);
        // SOF X and Y are 16-bit; Y = 0 would need a DNL segment, which this encoder does not write (T.81 B.2.2).
        if (width is < 1 or > 65535 || height is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: JPEG needs 1..65535 in each direction");
        if (options.RestartInterval is < 0 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(options), "the restart interval is 0..65535 MCUs");
        if (options.Quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(options), "quality is 1..100");
        int count = input == JpegEncoderInput.Gray ? 1 : 3;
        if (pixels.Length < (long)width * height * count)
            throw new ArgumentException($"{width}x{height} pixels with {count} samples need {(long)width * height * count} bytes, got {pixels.Length}");

        (int lumaH, int lumaV) = count == 1 ? (1, 1) : options.Sampling switch
        {
            JpegChromaSampling.Full => (1, 1),
            JpegChromaSampling.Horizontal => (2, 1),
            _ => (2, 2),
        };

        var components = new JpegComponent[count];
        Span<int> hRatio = stackalloc int[count];
        Span<int> vRatio = stackalloc int[count];
        for (int c = 0; c < count; c++)
        {
            int h = c == 0 ? lumaH : 1, v = c == 0 ? lumaV : 1;
            components[c] = new JpegComponent(c, (byte)(c + 1), h, v, c == 0 ? 0 : 1);
            hRatio[c] = lumaH / h;
            vRatio[c] = lumaV / v;
        }

        var frame = twelve
            ? new JpegFrame(JpegMarker.Sof1, 12, width, height, components, 0)
            : new JpegFrame(JpegMarker.Sof0, 8, width, height, components, 0);
        var quant = new ushort[]?[4];
        quant[0] = new ushort[64];
        JpegQuantizationTables.ScaleForQuality(JpegQuantizationTables.LuminanceQuantization, options.Quality, !twelve, quant[0]);
        if (count > 1)
        {
            quant[1] = new ushort[64];
            JpegQuantizationTables.ScaleForQuality(JpegQuantizationTables.ChrominanceQuantization, options.Quality, !twelve, quant[1]);
        }

        var blocks = new short[count][];
        try
        {
            using (var planes = new JpegEncoderPlanes<T>(pixels, width, height, input, frame.McuWidth, frame.McuHeight, hRatio, vRatio))
            {
                Span<float> reciprocal = stackalloc float[64];
                for (int c = 0; c < count; c++)
                {
                    var comp = components[c];
                    ForwardDct.Reciprocals(quant[comp.QuantTable], reciprocal);
                    long coefficientCount = (long)comp.BlocksPerLine * comp.BlocksPerColumn * 64;
                    if (coefficientCount > Array.MaxLength)
                        throw new ArgumentException($"{width}x{height} has too many blocks for one coefficient buffer");
                    blocks[c] = ArrayPool<short>.Shared.Rent((int)coefficientCount);
                    ReadOnlySpan<T> plane = planes.Plane(c);
                    int stride = planes.Widths[c];
                    Span<short> target = blocks[c];
                    for (int by = 0; by < comp.BlocksPerColumn; by++)
                    {
                        for (int bx = 0; bx < comp.BlocksPerLine; bx++)
                        {
                            ReadOnlySpan<T> at = plane[(by * 8 * stride + bx * 8)..];
                            Span<short> block = target.Slice((by * comp.BlocksPerLine + bx) * 64, 64);
                            // DC within category 11 (15) and AC within 10 (14) for 8 (12) bits: T.81 Tables F.1, F.2.
                            if (twelve)
                                ForwardDct.TransformAndQuantize12(System.Runtime.InteropServices.MemoryMarshal.Cast<T, ushort>(at),
                                    stride, reciprocal, block, 16383, 16383);
                            else
                                ForwardDct.TransformAndQuantize(System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(at),
                                    stride, reciprocal, block, 2047, 1023);
                        }
                    }
                }
            }

            var coefficients = new JpegCoefficients(frame, quant, blocks, options.RestartInterval, options.WriteJfif, -1);
            JpegCoefficientEncoder.Encode(coefficients, new JpegEncodeOptions
            {
                OptimizeHuffmanTables = options.OptimizeHuffman || twelve,
                WriteJfif = options.WriteJfif,
                RestartInterval = options.RestartInterval,
                Interleaved = true,
            }, output);
        }
        finally
        {
            foreach (var b in blocks)
            {
                if (b is not null) ArrayPool<short>.Shared.Return(b);
            }
        }
    }
}
