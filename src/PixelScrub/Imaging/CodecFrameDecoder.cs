using System.Buffers.Binary;
using PixelScrub.Codecs;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Dicom;
using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

/// <summary>
/// Decodes encapsulated frames for display: JPEG Baseline and Extended (8- and 12-bit) with our own pixel decoder
/// (colour converted to RGB), every other syntax through the registered frame codecs.
/// </summary>
internal sealed class CodecFrameDecoder : IFrameDecoder
{
    private const string JpegBaseline = "1.2.840.10008.1.2.4.50";
    private const string JpegExtended = "1.2.840.10008.1.2.4.51";

    private readonly FrameCodecRegistry? _codecs;

    /// <param name="codecs">codecs for the other syntaxes (RLE, JPEG Lossless, JPEG-LS, JPEG 2000), or null for JPEG only</param>
    public CodecFrameDecoder(FrameCodecRegistry? codecs) => _codecs = codecs;

    public bool CanDecode(TransferSyntax syntax) =>
        syntax.Uid is JpegBaseline or JpegExtended || (_codecs?.TryGet(syntax.Uid, out _) ?? false);

    public DecodedFrame Decode(TransferSyntax syntax, byte[] encoded, PixelLayout declared, int frameIndex)
    {
        if (syntax.Uid is JpegBaseline or JpegExtended) return DecodeJpeg(encoded, declared, frameIndex);
        if (_codecs is null || !_codecs.TryGet(syntax.Uid, out var codec))
            throw new UnsupportedInputException($"cannot render: no decoder for transfer syntax {syntax.Uid} ({syntax.Name})");

        var layout = DecodedLayout.Of(declared);
        if (layout.BytesPerFrame > Array.MaxLength)
            throw new UnsupportedInputException($"cannot render: a decoded frame of {layout.BytesPerFrame} bytes is too large");
        var data = new byte[layout.BytesPerFrame];
        codec.Decode(syntax.Uid, encoded, layout, data, frameIndex);
        return new DecodedFrame(data, layout);
    }

    private static DecodedFrame DecodeJpeg(byte[] encoded, PixelLayout declared, int frameIndex)
    {
        JpegCoefficients coefficients;
        try
        {
            coefficients = JpegCoefficientDecoder.Decode(encoded);
        }
        catch (JpegFormatException ex) when (ex.Frame is null)
        {
            throw new JpegFormatException(ex.Reason, ex.Offset, frameIndex, ex);
        }

        var frame = coefficients.Frame;
        int components = frame.Components.Length;
        if (frame.Width != declared.Columns || frame.Height != declared.Rows)
            throw new UnsupportedInputException($"cannot render: JPEG frame {frameIndex + 1} is {frame.Width}x{frame.Height}, the header says {declared.Columns}x{declared.Rows}");
        if (components != declared.SamplesPerPixel)
            throw new UnsupportedInputException($"cannot render: JPEG frame {frameIndex + 1} has {components} components, the header says {declared.SamplesPerPixel} samples per pixel");

        // The Photometric Interpretation says what the components are (PS3.5 8.2.1, PS3.3 C.7.6.3.1.2), whatever
        // markers the code stream carries: YBR_* are YCbCr and converted, RGB is RGB as coded (as DCMTK decodes).
        var transform = components == 3 && declared.Photometric.StartsWith("YBR", StringComparison.Ordinal)
            ? JpegColorTransform.YCbCrToRgb
            : JpegColorTransform.None;
        string photometric = components == 3 ? "RGB" : declared.Photometric;
        int bitsStored = Math.Min(declared.BitsStored <= 0 ? frame.Precision : declared.BitsStored, frame.Precision);
        var layout = declared with
        {
            SamplesPerPixel = components,
            Photometric = photometric,
            PlanarConfiguration = 0,
            BigEndian = false,
            BitsAllocated = frame.Precision == 8 ? 8 : 16,
            BitsStored = bitsStored,
            HighBit = bitsStored - 1,
            Format = SampleFormat.Integer,
        };

        long samples = JpegPixelDecoder.SampleCount(frame);
        if (samples * (frame.Precision == 8 ? 1 : 2) > Array.MaxLength)
            throw new UnsupportedInputException($"cannot render: a {frame.Width}x{frame.Height} JPEG frame is too large");
        if (frame.Precision == 8)
        {
            var bytes = new byte[samples];
            JpegPixelDecoder.Decode(coefficients, transform, bytes);
            return new DecodedFrame(bytes, layout);
        }

        var words = new ushort[samples];
        JpegPixelDecoder.Decode(coefficients, transform, words);
        var data = new byte[samples * 2];
        for (int i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), words[i]);
        return new DecodedFrame(data, layout);
    }
}
