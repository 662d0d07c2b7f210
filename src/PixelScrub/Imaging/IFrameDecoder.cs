using PixelScrub.Dicom;
using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

/// <summary>
/// Decodes encapsulated frames of one transfer syntax to native samples for rendering (see
/// <see cref="CodecFrameDecoder"/>). <see cref="DicomImage.Render"/> asks <see cref="CanDecode"/> with the file's
/// syntax before it decodes.
/// </summary>
internal interface IFrameDecoder
{
    bool CanDecode(TransferSyntax syntax);

    /// <summary>Decodes a frame; the layout returned describes the decoded bytes (e.g. JPEG YBR decoded to RGB).</summary>
    DecodedFrame Decode(byte[] encoded, PixelLayout declared, int frameIndex);
}

/// <summary>Native samples of one decoded frame and their layout.</summary>
internal readonly record struct DecodedFrame(byte[] Data, PixelLayout Layout);
