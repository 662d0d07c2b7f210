using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Pipeline.Sinks;

/// <summary>
/// The output folder: each file at its relative path under OUT, through a temp file in the staging folder and a rename,
/// so a killed run leaves no partial file.
/// </summary>
/// <param name="durable">fsync each file before its rename (default: the DICOM node, which deletes its spool copy
/// next); a batch passes false and makes its outputs durable together at its checkpoints (<see cref="Checkpoint"/>).</param>
internal sealed class FolderSink(string outputDirectory, string stagingDirectory, bool durable = true) : IOutputSink
{
    private readonly string _root = Path.GetFullPath(outputDirectory);

    public string Deliver(WorkItem item)
    {
        var dest = Path.Combine(_root, item.Input.RelativePath);
        if (item.Modified)
        {
            DicomWriter.WriteFile(item.File ?? throw new InvalidOperationException("a changed item has no dataset"), dest, stagingDirectory, durable);
        }
        else
        {
            CopyAtomically(item.Input.FullPath, dest, stagingDirectory, durable);
        }

        return dest;
    }

    internal static void CopyAtomically(string source, string destination, string staging, bool durable) =>
        AtomicFile.Write(destination, d =>
        {
            using var s = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            s.CopyTo(d, 1 << 16);
        }, staging, durable);
}
