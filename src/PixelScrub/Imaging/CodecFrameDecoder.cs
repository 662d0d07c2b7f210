using System.Runtime.InteropServices;
using PixelScrub.Codecs;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Dicom;
using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

/// <summary>
/// Decodes encapsulated frames for rendering: JPEG Baseline/Extended with our own pixel decoder (YCbCr to RGB as the
/// Photometric Interpretation says, PS3.5 8.2.1), every other syntax with the frame codecs (in this process).
/// </summary>
internal sealed class CodecFrameDecoder(TransferSyntax syntax, FrameCodecRegistry codecs) : IFrameDecoder
{
    public static CodecFrameDecoder For(TransferSyntax syntax) => new(syntax, FrameCodecRegistry.CreateDefault(null));

    public bool CanDecode(TransferSyntax s) =>
        s == TransferSyntax.JpegBaseline || s == TransferSyntax.JpegExtended || codecs.TryGet(s.Uid, out _);

    public DecodedFrame Decode(byte[] encoded, PixelLayout declared, int frameIndex)
    {
        if (syntax == TransferSyntax.JpegBaseline || syntax == TransferSyntax.JpegExtended) return DecodeJpeg(encoded, declared, frameIndex);
        var codec = codecs.Require(syntax.Uid);
        var layout = declared with
        {
            BigEndian = false,
            Photometric = declared.Photometric is "YBR_RCT" or "YBR_ICT" ? "RGB" : declared.Photometric,
        };
        var data = new byte[layout.BytesPerFrame];
        codec.Decode(syntax.Uid, encoded, layout, data, frameIndex);
        return new DecodedFrame(data, layout);
    }

    private static DecodedFrame DecodeJpeg(byte[] encoded, PixelLayout declared, int frameIndex)
    {
        bool colour = declared.SamplesPerPixel == 3;
        var transform = !colour ? JpegColorTransform.Auto
            : declared.Photometric is "YBR_FULL" or "YBR_FULL_422" or "YBR_PARTIAL_422" or "YBR_PARTIAL_420" ? JpegColorTransform.YCbCrToRgb
            : JpegColorTransform.None;
        var photometric = colour ? "RGB" : declared.Photometric;
        try
        {
            if (declared.BitsStored <= 8)
            {
                var pixels = JpegPixelDecoder.Decode8(encoded, transform);
                return new DecodedFrame(pixels, declared with { BitsAllocated = 8, Photometric = photometric, PlanarConfiguration = 0, BigEndian = false, NumberOfFrames = 1 });
            }

            var wide = JpegPixelDecoder.Decode16(encoded, transform);
            return new DecodedFrame(MemoryMarshal.AsBytes(wide.AsSpan()).ToArray(),
                declared with { BitsAllocated = 16, Photometric = photometric, PlanarConfiguration = 0, BigEndian = false, NumberOfFrames = 1 });
        }
        catch (JpegFormatException ex) when (ex.Frame is null)
        {
            throw new JpegFormatException(ex.Reason, ex.Offset, frameIndex, ex);
        }
    }
}
