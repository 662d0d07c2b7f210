using PixelScrub.Dicom;

namespace PixelScrub.Network.Scu;

/// <summary>A Part 10 file ready to send: its SOP class and instance, transfer syntax, and where its data set lies in the file.</summary>
internal sealed record SendableFile(string Path, string SopClassUid, string SopInstanceUid, string TransferSyntaxUid, long DataSetOffset, long DataSetLength)
{
    private static readonly DicomTag SopClassTag = new(0x0008, 0x0016);
    private static readonly DicomTag SopInstanceTag = new(0x0008, 0x0018);

    /// <summary>Reads the header (our reader, up to the pixel data); <see cref="PixelScrubException"/> when it is not sendable DICOM.</summary>
    public static SendableFile Read(string path)
    {
        using var file = DicomFile.Open(path, DicomReadOptions.Header);
        var sopClass = NonEmpty(file.Meta.GetString(DicomTag.MediaStorageSOPClassUID)) ?? NonEmpty(file.Dataset.GetString(SopClassTag));
        var sopInstance = NonEmpty(file.Meta.GetString(DicomTag.MediaStorageSOPInstanceUID)) ?? NonEmpty(file.Dataset.GetString(SopInstanceTag));
        if (sopClass is null) throw new UnsupportedInputException("no SOP Class UID (0002,0002) or (0008,0016): cannot be sent") { FilePath = path };
        if (sopInstance is null) throw new UnsupportedInputException("no SOP Instance UID (0002,0003) or (0008,0018): cannot be sent") { FilePath = path };
        long length = new FileInfo(path).Length;
        return new SendableFile(path, sopClass, sopInstance, file.TransferSyntax.Uid, file.DatasetOffset, length - file.DatasetOffset);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().TrimEnd('\0');
}
