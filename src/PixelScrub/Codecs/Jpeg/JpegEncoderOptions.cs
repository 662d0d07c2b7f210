namespace PixelScrub.Codecs.Jpeg;

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
