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

    /// <summary>Inflated size limit for Deflated Explicit VR Little Endian datasets.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 31;

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
