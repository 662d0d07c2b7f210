namespace PixelScrub.Dicom.IO;

/// <summary>
/// Writes a file so that it appears complete or not at all (ARCHITECTURE.md, fixed contract): a temp file beside the
/// destination, flushed to disk, then renamed into place. On failure the temp file is removed. A batch that makes its
/// writes durable together (one file-system sync per checkpoint, Pipeline.Checkpoint) passes durable: false.
/// </summary>
public static class AtomicFile
{
    /// <summary>The prefix of temp files, so a sweep can recognise leftovers of a killed process.</summary>
    public const string TempPrefix = ".pixelscrub-tmp-";

    /// <param name="tempDirectory">Where the temp file is made (must be on the same file system); default: beside the
    /// destination. A batch passes a staging folder outside its output tree, so a killed run leaves nothing partial there.</param>
    /// <param name="durable">fsync the temp file before the rename (default). Without it a crash of the process still
    /// leaves the whole file or none, but a power loss may leave the destination empty or short until a sync.</param>
    public static void Write(string path, Action<Stream> write, string? tempDirectory = null, bool durable = true)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tempDir = tempDirectory ?? dir;
        if (tempDirectory is not null) Directory.CreateDirectory(tempDirectory);
        var temp = Path.Combine(tempDir, TempName(Path.GetFileName(full)));
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: durable);
                if (!durable) StartWriteback(fs.SafeFileHandle);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Asks Linux to start writing the file's data to disk now, without waiting (sync_file_range, SYNC_FILE_RANGE_WRITE):
    /// the writes then overlap the work on the next files instead of all waiting for the checkpoint's sync at the end of a
    /// run. Durability is unchanged: only that sync makes a file durable. A hint: a failure is ignored.
    /// </summary>
    private static void StartWriteback(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (OperatingSystem.IsLinux()) _ = sync_file_range(handle, 0, 0, SyncFileRangeWrite);
    }

    private const uint SyncFileRangeWrite = 2;

    // The marshaller keeps the handle open for the call and passes its descriptor pointer-sized; every 64-bit Linux ABI
    // passes each argument in its own register, of which the kernel reads the int's low half.
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int sync_file_range(Microsoft.Win32.SafeHandles.SafeFileHandle fd, long offset, long nbytes, uint flags);

    /// <summary>
    /// A temp file name: the prefix, the destination's name (shortened, so the whole stays within NAME_MAX), the owner
    /// (pid and start time, <see cref="ProcessIdentity"/>) and a random part: two processes never pick the same name, and
    /// a sweep can tell a live process's temp file from a dead one's.
    /// </summary>
    internal static string TempName(string fileName) =>
        $"{TempPrefix}{(fileName.Length > 80 ? fileName[..80] : fileName)}.{ProcessIdentity.Current}.{Guid.NewGuid():N}";

    /// <summary>
    /// Removes temp files that killed processes left in a folder tree; returns how many. Temp files of processes still
    /// running (another run sharing a quarantine or staging folder) are left alone.
    /// </summary>
    public static int SweepLeftovers(string root)
    {
        if (!Directory.Exists(root)) return 0;
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(root, TempPrefix + "*", SearchOption.AllDirectories))
        {
            if (OwnerAlive(Path.GetFileName(f))) continue;
            if (TryDelete(f)) n++;
        }

        return n;
    }

    /// <summary>True when the temp file name names a process that still runs.</summary>
    internal static bool OwnerAlive(string tempName)
    {
        var parts = tempName.Split('.');
        return parts.Length >= 3 && ProcessIdentity.IsAlive(parts[^2]);
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
