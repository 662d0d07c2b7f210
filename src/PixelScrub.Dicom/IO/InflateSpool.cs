namespace PixelScrub.Dicom.IO;

/// <summary>
/// A temp file holding an inflated dataset so that large values stay on disk (read back by path, like values of a
/// plain file). The file is deleted when the spool is disposed (it is attached to its <see cref="DicomFile"/>) or its
/// handle is finalized; only a killed process leaves one behind in the temp folder.
/// </summary>
internal sealed class InflateSpool : IDisposable
{
    private InflateSpool(string path, FileStream stream)
    {
        Path = path;
        Stream = stream;
    }

    public string Path { get; }

    public FileStream Stream { get; }

    public static InflateSpool Create(string? directory)
    {
        var dir = directory ?? System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(dir, $"pixelscrub-inflate-{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite, 1 << 16,
            FileOptions.DeleteOnClose);
        return new InflateSpool(path, stream);
    }

    public void Dispose() => Stream.Dispose();
}
