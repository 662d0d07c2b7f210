using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>The JPEG Baseline/Extended side of the transcoder: DCT decoding to native samples, Baseline encoding of 8-bit data.</summary>
internal sealed partial class Transcoder
{
    /// <summary>IJG-scale quality of JPEG Baseline frames PixelScrub writes (dcmcjpeg's default is 90 too).</summary>
    public const int BaselineQuality = 90;

    /// <summary>Decodes one JPEG Baseline/Extended frame into native little endian samples of <paramref name="decoded"/>.</summary>
    private static void DecodeJpeg(byte[] compressed, PixelLayout layout, PixelLayout decoded, Span<byte> frame, int frameIndex)
    {
        try
        {
            var coefficients = JpegCoefficientDecoder.Decode(compressed);
            var jf = coefficients.Frame;
            if (jf.Width != layout.Columns || jf.Height != layout.Rows)
            {
                throw new JpegFormatException($"the JPEG frame is {jf.Width}x{jf.Height} but the header says {layout.Columns}x{layout.Rows}", jf.Offset, frameIndex);
            }

            if (jf.Components.Length != layout.SamplesPerPixel)
            {
                throw new JpegFormatException($"the JPEG frame has {jf.Components.Length} components but Samples per Pixel is {layout.SamplesPerPixel}", jf.Offset, frameIndex);
            }

            if (jf.Precision > layout.BitsAllocated || layout.BitsAllocated is not (8 or 16))
            {
                throw new UnsupportedInputException($"{jf.Precision}-bit JPEG samples cannot be stored in {layout.BitsAllocated} bits allocated");
            }

            // dcmdjpeg's default (+cp): convert to RGB when the Photometric Interpretation says YCbCr.
            var transform = decoded.Photometric == "RGB" && layout.Photometric != "RGB" ? JpegColorTransform.YCbCrToRgb : JpegColorTransform.None;
            if (layout.BitsAllocated == 8)
            {
                JpegPixelDecoder.Decode(coefficients, transform, frame);
                return;
            }

            var samples = MemoryMarshal.Cast<byte, ushort>(frame);
            if (jf.Precision == 8)
            {
                var bytes = ArrayPool<byte>.Shared.Rent(samples.Length);
                try
                {
                    JpegPixelDecoder.Decode(coefficients, transform, bytes.AsSpan(0, samples.Length));
                    for (int i = 0; i < samples.Length; i++) samples[i] = bytes[i];
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
            else
            {
                JpegPixelDecoder.Decode(coefficients, transform, samples);
            }

            if (!BitConverter.IsLittleEndian)
            {
                for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReverseEndianness(samples[i]);
            }
        }
        catch (JpegFormatException ex) when (ex.Frame is null)
        {
            throw new JpegFormatException(ex.Reason, ex.Offset, frameIndex, ex);
        }
    }

    /// <summary>JPEG Baseline (T.81 process 1) holds 8-bit unsigned samples of one or three components only.</summary>
    private static void CheckBaselineInput(PixelLayout layout)
    {
        string? why = layout switch
        {
            { BitsAllocated: not 8 } => $"{layout.BitsAllocated} bits allocated (JPEG Baseline holds 8-bit samples only)",
            { BitsStored: not 8 } => $"{layout.BitsStored} bits stored (JPEG Baseline holds 8-bit samples only)",
            { IsSigned: true } => "signed samples (JPEG Baseline holds unsigned 8-bit samples)",
            { Photometric: not ("MONOCHROME1" or "MONOCHROME2" or "RGB" or "YBR_FULL") } => $"Photometric Interpretation {layout.Photometric}",
            { Rows: > 65535 } or { Columns: > 65535 } => "an image larger than 65535 in a direction",
            _ => null,
        };
        if (why is not null) throw new UnsupportedInputException($"cannot write as JPEG Baseline: {why}");
    }

    /// <summary>Encodes one colour-by-pixel 8-bit frame; colour is coded as YCbCr 4:2:2 (Photometric YBR_FULL_422, PS3.5 8.2.1).</summary>
    private static void EncodeBaseline(ReadOnlySpan<byte> frame, PixelLayout layout, IBufferWriter<byte> output)
    {
        var input = layout.SamplesPerPixel == 1 ? JpegEncoderInput.Gray : layout.Photometric == "RGB" ? JpegEncoderInput.Rgb : JpegEncoderInput.YCbCr;
        var options = new JpegEncoderOptions
        {
            Quality = BaselineQuality, Sampling = JpegChromaSampling.Horizontal, OptimizeHuffman = true, WriteJfif = false,
        };
        JpegEncoder.Encode(frame, layout.Columns, layout.Rows, input, options, output);
    }

    /// <summary>The image attributes of frames written by <see cref="EncodeBaseline"/>.</summary>
    private static PixelLayout BaselineLayout(PixelLayout layout) =>
        layout.SamplesPerPixel == 3 ? layout with { Photometric = "YBR_FULL_422", PlanarConfiguration = 0 } : layout;
}
