using PixelScrub.Dicom;
using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

/// <summary>Decodes one encapsulated frame to native samples for rendering (JPEG, RLE, ... as codecs land).</summary>
internal interface IFrameDecoder
{
    bool CanDecode(TransferSyntax syntax);

    /// <summary>Decodes a frame; the layout returned describes the decoded bytes (e.g. JPEG YBR decoded to RGB).</summary>
    DecodedFrame Decode(TransferSyntax syntax, byte[] encoded, PixelLayout declared, int frameIndex);
}

/// <summary>Native samples of one decoded frame and their layout.</summary>
internal readonly record struct DecodedFrame(byte[] Data, PixelLayout Layout);
