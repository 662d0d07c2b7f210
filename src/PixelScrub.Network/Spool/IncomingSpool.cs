using PixelScrub.Dicom.IO;

namespace PixelScrub.Network.Spool;

/// <summary>
/// The durable incoming spool: each received object is written to a temp file (Part 10 prefix, then the data set as it
/// arrives), flushed to disk, renamed to incoming/UID.dcm and the folder flushed, all before the C-STORE response
/// reports success. An object whose transfer breaks off is deleted: nothing partial ever appears in incoming/.
/// </summary>
internal sealed class IncomingSpool
{
    public IncomingSpool(string root)
    {
        Root = Path.GetFullPath(root);
        Incoming = Path.Combine(Root, "incoming");
        Temp = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(Incoming);
        Directory.CreateDirectory(Temp);
        AtomicFile.SweepLeftovers(Temp);
    }

    public string Root { get; }
    public string Incoming { get; }
    public string Temp { get; }

    /// <summary>Objects received and not yet processed (a restart finds them here), oldest first.</summary>
    public IEnumerable<string> Pending() =>
        new DirectoryInfo(Incoming).EnumerateFiles("*.dcm").OrderBy(f => f.LastWriteTimeUtc).Select(f => f.FullName);

    public string PathFor(string sopInstanceUid) => Path.Combine(Incoming, sopInstanceUid + ".dcm");

    public SpoolEntry Begin(string sopClass, string sopInstance, string transferSyntax, string callingAe)
    {
        var temp = Path.Combine(Temp, $"{AtomicFile.TempPrefix}{sopInstance}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            stream.Write(PartTenHeader.Build(sopClass, sopInstance, transferSyntax, callingAe));
        }
        catch
        {
            stream.Dispose();
            File.Delete(temp);
            throw;
        }

        return new SpoolEntry(this, sopInstance, temp, stream);
    }
}
