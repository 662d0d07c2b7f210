namespace PixelScrub.Dicom.IO;

/// <summary>
/// Writes a file so that it appears complete or not at all (ARCHITECTURE.md, fixed contract): a temp file beside the
/// destination, flushed to disk, then renamed into place. On failure the temp file is removed.
/// </summary>
public static class AtomicFile
{
    /// <summary>The prefix of temp files, so a sweep can recognise leftovers of a killed process.</summary>
    public const string TempPrefix = ".pixelscrub-tmp-";

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $"{TempPrefix}{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
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
