using PixelScrub.Pixels;

namespace PixelScrub.Codecs;

/// <summary>What an <see cref="IFrameCodec"/> writes when it decodes a frame declared with a given layout.</summary>
internal static class DecodedLayout
{
    /// <summary>
    /// Native little endian in the declared Planar Configuration with every sample present, so YBR_FULL_422 comes out
    /// as YBR_FULL; JPEG 2000's YBR_ICT and YBR_RCT are undone by the decoder and come out as RGB.
    /// </summary>
    public static PixelLayout Of(PixelLayout declared) => declared with
    {
        BigEndian = false,
        Photometric = declared.Photometric switch
        {
            "YBR_FULL_422" => "YBR_FULL",
            "YBR_ICT" or "YBR_RCT" => "RGB",
            var p => p,
        },
    };
}
