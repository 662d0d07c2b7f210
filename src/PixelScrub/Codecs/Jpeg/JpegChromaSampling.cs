namespace PixelScrub.Codecs.Jpeg;

/// <summary>Chroma sampling of a three-component frame (luma factors H x V; chroma 1 x 1).</summary>
internal enum JpegChromaSampling
{
    /// <summary>4:4:4: no subsampling.</summary>
    Full,

    /// <summary>4:2:2: luma 2x1, chroma halved horizontally.</summary>
    Horizontal,

    /// <summary>4:2:0: luma 2x2, chroma halved both ways.</summary>
    Both,
}
