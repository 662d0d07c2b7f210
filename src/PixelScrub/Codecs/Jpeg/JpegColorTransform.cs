namespace PixelScrub.Codecs.Jpeg;

/// <summary>How the decoder treats the colour of a three-component frame.</summary>
internal enum JpegColorTransform
{
    /// <summary>
    /// Decide from the code stream as libjpeg does: JFIF -> YCbCr; else an Adobe APP14 transform flag
    /// (0 -> components are RGB as coded, 1 -> YCbCr); else component ids 'R','G','B' -> RGB; else YCbCr.
    /// </summary>
    Auto,

    /// <summary>Deliver the components as coded (e.g. YBR_FULL_422 kept as YCbCr, or RGB coded as RGB).</summary>
    None,

    /// <summary>Convert Y, Cb, Cr to R, G, B (T.871 equations).</summary>
    YCbCrToRgb,
}
