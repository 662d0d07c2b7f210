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

/// <summary>Settings of <see cref="JpegEncoder"/>; the defaults make a JFIF 4:2:0 file at quality 90.</summary>
internal sealed record JpegEncoderOptions
{
    /// <summary>1..100 scaling of the T.81 K.1 tables (50 = as printed).</summary>
    public int Quality { get; init; } = 90;

    public JpegChromaSampling Sampling { get; init; } = JpegChromaSampling.Both;

    /// <summary>Huffman tables built for the image (T.81 K.2) instead of the K.3 examples.</summary>
    public bool OptimizeHuffman { get; init; }

    /// <summary>MCUs per restart interval (DRI, T.81 B.2.4.4); 0 for none.</summary>
    public int RestartInterval { get; init; }

    /// <summary>Write a JFIF APP0 segment (T.871) after SOI.</summary>
    public bool WriteJfif { get; init; } = true;
}
