namespace PixelScrub.Dicom.Json;

/// <summary>Where the bytes of a bulk data value are: the source file, the offset of the first value byte and the
/// number of bytes (for encapsulated pixel data: from the first item header to the end of the sequence delimiter;
/// -1 when not known, as for encapsulated pixel data that header-only reading did not walk).</summary>
public readonly record struct DicomBulkDataLocation(DicomTag Tag, string Path, long Offset, long Length)
{
    /// <summary>The default URI form: <c>file:///path#offset=O&amp;length=L</c>.</summary>
    public string ToFileUri()
    {
        var file = new Uri(System.IO.Path.GetFullPath(Path)).AbsoluteUri;
        return Length >= 0 ? $"{file}#offset={Offset}&length={Length}" : $"{file}#offset={Offset}";
    }
}
