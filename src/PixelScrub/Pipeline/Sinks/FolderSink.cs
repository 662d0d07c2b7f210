using System.Buffers;
using System.Security.Cryptography;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Pipeline.Sinks;

/// <summary>
/// The output folder: each file at its relative path under OUT, through a temp file in the staging folder and a rename,
/// so a killed run leaves no partial file. A passed file is copied in one read, during which the rest of the file
/// after the header is checked to be readable as DICOM (<see cref="DicomTailCheck"/>); a fault found is a report note.
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
            return dest;
        }

        var check = item.File is { PixelDataInfo: { } pixels, TransferSyntax: { IsDeflated: false } syntax } ? new DicomTailCheck(pixels, syntax) : null;
        CopyInput(item, dest, stagingDirectory, durable, item.Bytes, check);
        if (check?.Finish() is { } problem) item.AddNote($"the rest of the file after the header is not readable as DICOM: {problem}");
        return dest;
    }

    /// <summary>
    /// Copies the item's input (see <see cref="CopyAtomically"/>) and, when the ledger wants its hash and it was not taken
    /// up front (<see cref="WorkItem.HashWhileCopying"/>), hashes it in the same read.
    /// </summary>
    internal static void CopyInput(WorkItem item, string destination, string staging, bool durable, long? expectedLength = null, DicomTailCheck? check = null)
    {
        using var hash = item.HashWhileCopying && item.Sha256 is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        CopyAtomically(item.Input, destination, staging, durable, expectedLength, check, hash);
        if (hash is not null) item.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Copies the input to <paramref name="destination"/> atomically, showing each chunk to <paramref name="check"/> and
    /// <paramref name="hash"/>. When <paramref name="expectedLength"/> is given and the copy read another length, the input
    /// changed: nothing is written.
    /// </summary>
    internal static void CopyAtomically(InputFile source, string destination, string staging, bool durable, long? expectedLength = null,
        DicomTailCheck? check = null, IncrementalHash? hash = null) =>
        AtomicFile.Write(destination, d =>
        {
            using var s = source.OpenRead();
            // A pooled buffer: a new 64 KiB array for every passed file is garbage the collector pays for on the per-file path.
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            long copied = 0;
            try
            {
                int n;
                while ((n = s.Read(buffer)) > 0)
                {
                    d.Write(buffer, 0, n);
                    check?.Feed(buffer.AsSpan(0, n));
                    hash?.AppendData(buffer, 0, n);
                    copied += n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (expectedLength is { } expected && copied != expected)
            {
                throw new IOException($"the input changed while it was copied ({expected} bytes when it was opened, {copied} bytes read)");
            }
        }, staging, durable);
}
