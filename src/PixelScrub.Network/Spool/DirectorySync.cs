using System.Runtime.InteropServices;

namespace PixelScrub.Network.Spool;

/// <summary>
/// Flushes a folder's entries to disk after a rename (fsync on the directory, POSIX), so a power loss cannot lose a
/// file whose C-STORE we acknowledged. No-op on platforms without it (Windows commits renames with the file).
/// </summary>
internal static partial class DirectorySync
{
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        int fd = Open(directory, 0); // O_RDONLY
        if (fd < 0) return;
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of folder {directory} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
