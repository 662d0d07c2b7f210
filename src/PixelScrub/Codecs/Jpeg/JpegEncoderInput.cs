namespace PixelScrub.Codecs.Jpeg;

/// <summary>What the encoder's input pixels are.</summary>
internal enum JpegEncoderInput
{
    /// <summary>One 8-bit sample per pixel; encoded as a single component.</summary>
    Gray,

    /// <summary>Interleaved 8-bit R, G, B; converted to YCbCr (T.871) before coding.</summary>
    Rgb,

    /// <summary>Interleaved 8-bit Y, Cb, Cr, coded as they are.</summary>
    YCbCr,
}
