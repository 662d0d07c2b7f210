namespace PixelScrub.Codecs.Jpeg;

/// <summary>How <see cref="JpegCoefficientEncoder"/> writes a code stream.</summary>
internal sealed record JpegEncodeOptions
{
    /// <summary>Optimal Huffman tables from the data (T.81 K.2); otherwise the example tables of K.3 (8-bit only).</summary>
    public bool OptimizeHuffmanTables { get; init; } = true;

    /// <summary>Write an APP0 JFIF segment (for 1- or 3-component YCbCr images).</summary>
    public bool WriteJfif { get; init; }

    /// <summary>Write an Adobe APP14 segment with this transform flag (0: RGB/CMYK, 1: YCbCr), or -1 for none.</summary>
    public int AdobeTransform { get; init; } = -1;

    /// <summary>Restart interval in MCUs (0: none).</summary>
    public int RestartInterval { get; init; }

    /// <summary>One interleaved scan (when the MCU allows it) or one scan per component.</summary>
    public bool Interleaved { get; init; } = true;
}
