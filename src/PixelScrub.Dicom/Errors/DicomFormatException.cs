namespace PixelScrub;

/// <summary>Malformed DICOM: carries the byte offset and, when known, the tag being read.</summary>
public sealed class DicomFormatException : PixelScrubException
{
    public DicomFormatException(string message, long offset, uint? tag = null, Exception? inner = null)
        : base(Format(message, offset, tag), inner)
    {
        Offset = offset;
        Tag = tag;
        Reason = message;
    }

    /// <summary>Byte offset in the file (or stream) where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The tag as (group &lt;&lt; 16 | element), when the problem concerns an element.</summary>
    public uint? Tag { get; }

    /// <summary>True when the input is not DICOM at all (no "DICM" prefix and no recognisable element), rather than broken DICOM.</summary>
    public bool NotDicom { get; init; }

    /// <summary>The reason without the offset and tag.</summary>
    public string Reason { get; }

    private static string Format(string message, long offset, uint? tag) =>
        tag is uint t ? $"{message} (tag ({t >> 16:X4},{t & 0xFFFF:X4}) at offset {offset})" : $"{message} (at offset {offset})";
}
