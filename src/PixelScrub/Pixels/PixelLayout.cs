namespace PixelScrub.Pixels;

/// <summary>How the samples of a pixel data element are stored.</summary>
public enum SampleFormat
{
    /// <summary>Integer samples of Pixel Data (7FE0,0010).</summary>
    Integer,

    /// <summary>32-bit IEEE floats of Float Pixel Data (7FE0,0008).</summary>
    Float32,

    /// <summary>64-bit IEEE floats of Double Float Pixel Data (7FE0,0009).</summary>
    Float64,
}

/// <summary>
/// The Image Pixel module facts needed to address samples of a native (uncompressed) frame
/// (PS3.3 C.7.6.3). Pure data: built from a header by the pipeline, or directly by tests and codecs.
/// </summary>
public sealed record PixelLayout
{
    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public int SamplesPerPixel { get; init; } = 1;
    public required int BitsAllocated { get; init; }
    public required int BitsStored { get; init; }
    public int HighBit { get; init; } = -1;

    /// <summary>True for two's complement samples (Pixel Representation 1).</summary>
    public bool IsSigned { get; init; }

    /// <summary>Photometric Interpretation, e.g. MONOCHROME2, RGB, YBR_FULL_422, PALETTE COLOR.</summary>
    public string Photometric { get; init; } = "MONOCHROME2";

    /// <summary>Planar Configuration: 0 = colour-by-pixel (R1G1B1R2...), 1 = colour-by-plane.</summary>
    public int PlanarConfiguration { get; init; }

    public int NumberOfFrames { get; init; } = 1;

    /// <summary>True when samples are stored big endian (Explicit VR Big Endian, native data).</summary>
    public bool BigEndian { get; init; }

    public SampleFormat Format { get; init; } = SampleFormat.Integer;

    /// <summary>The effective high bit (BitsStored - 1 when the header omitted it).</summary>
    public int EffectiveHighBit => HighBit >= 0 ? HighBit : BitsStored - 1;

    public long PixelsPerFrame => (long)Rows * Columns;

    /// <summary>
    /// Bits of one frame; for 1-bit data frames need not end on a byte boundary (PS3.5 8.1.1). Native
    /// YBR_FULL_422 stores two samples per pixel (Y1 Y2 Cb Cr per pair, PS3.3 C.7.6.3.1.2); decoded,
    /// upsampled data is described as YBR_FULL.
    /// </summary>
    public long BitsPerFrame => PixelsPerFrame * (Photometric == "YBR_FULL_422" ? 2 : SamplesPerPixel) * BitsAllocated;

    /// <summary>Bytes of one frame when frames are byte aligned (BitsAllocated a multiple of 8).</summary>
    public long BytesPerFrame => (BitsPerFrame + 7) / 8;

    /// <summary>Bytes of all frames (1-bit frames packed back to back, rounded up once at the end).</summary>
    public long TotalBytes => (BitsPerFrame * NumberOfFrames + 7) / 8;
}
