using System.Runtime.InteropServices;

namespace PixelScrub.Pipeline;

/// <summary>
/// Makes everything written so far on the file systems holding some folders durable: Linux syncfs(2) on each folder
/// (one call writes back the data and metadata of that whole file system, and since Linux 5.8 reports write-back
/// errors); elsewhere sync(2).
/// </summary>
internal static partial class FileSystemSync
{
    private const int ORdOnly = 0, OCloExec = 0x80000;

    /// <summary>Syncs the file systems of <paramref name="folders"/>; returns null, or what failed.</summary>
    public static string? Sync(IEnumerable<string> folders)
    {
        if (!OperatingSystem.IsLinux())
        {
            sync();
            return null;
        }

        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(folder)) continue;
            int fd = open(folder, ORdOnly | OCloExec);
            if (fd < 0) return $"cannot open {folder} to sync it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
            try
            {
                if (syncfs(fd) != 0) return $"syncing the file system of {folder} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
            }
            finally
            {
                _ = close(fd);
            }
        }

        return null;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int syncfs(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc")]
    private static partial void sync();
}
