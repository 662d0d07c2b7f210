namespace PixelScrub.Dicom;

/// <summary>How a file is read.</summary>
public sealed record DicomReadOptions
{
    /// <summary>Stop at the top-level pixel data element (7FE0,0010/0008/0009) without reading its value.</summary>
    public bool HeaderOnly { get; init; }

    /// <summary>Values longer than this stay in the source file (when reading a file) and are streamed on write.</summary>
    public int LargeValueThreshold { get; init; } = 64 * 1024;

    /// <summary>Deepest sequence nesting accepted before the file is refused as malformed.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Deflated Explicit VR Little Endian: the most the dataset may inflate to before the pixel data element (and the
    /// slack allowed beyond the pixel data the header declares: Rows x Columns x Samples x Bits Allocated x Frames).
    /// </summary>
    public long MaxInflatedHeaderBytes { get; init; } = 64L << 20;

    /// <summary>Deflated datasets: a hard cap on the inflated size, whatever the header declares.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 31;

    /// <summary>Where a deflated dataset read whole is inflated to (a temp file deleted with the DicomFile); null: the
    /// system temp folder.</summary>
    public string? SpoolDirectory { get; init; }

    public static readonly DicomReadOptions Default = new();
    public static readonly DicomReadOptions Header = new() { HeaderOnly = true };
}

/// <summary>Where the top-level pixel data element is, as header-only reading found it.</summary>
/// <param name="Tag">(7FE0,0010), (7FE0,0008) or (7FE0,0009).</param>
/// <param name="ElementOffset">Offset of the element header in the file (or inflated stream).</param>
/// <param name="ValueOffset">Offset of the first value byte (for encapsulated data: of the first item).</param>
/// <param name="Length">Value length, or -1 for undefined length (encapsulated).</param>
public sealed record PixelDataInfo(DicomTag Tag, DicomVR VR, long ElementOffset, long ValueOffset, long Length)
{
    public bool IsEncapsulated => Length < 0;
}
