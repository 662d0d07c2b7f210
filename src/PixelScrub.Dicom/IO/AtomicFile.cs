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
        var temp = Path.Combine(tempDir, $"{TempPrefix}{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: durable);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Removes temp files a killed process left in a folder tree; returns how many.</summary>
    public static int SweepLeftovers(string root)
    {
        if (!Directory.Exists(root)) return 0;
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(root, TempPrefix + "*", SearchOption.AllDirectories))
        {
            if (TryDelete(f)) n++;
        }

        return n;
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
