using System.Runtime.InteropServices;

namespace PixelScrub.Pipeline.Unix;

/// <summary>
/// The few libc calls the folder walk and the output lock need, on Linux: names are passed as raw bytes (a file name
/// need not be valid UTF-8), and statx gives device and inode numbers in a layout that is the same on every
/// architecture (linux/stat.h, struct statx).
/// </summary>
internal static unsafe class Libc
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint StatxBasicStats = 0x7ff;
    public const int ORdOnly = 0, ORdWr = 2, OCreat = 0x40, ONoFollow = 0x20000, OCloExec = 0x80000, ONonBlock = 0x800;
    public const int LockSh = 1, LockEx = 2, LockNb = 4;
    public const int EIntr = 4, EWouldBlock = 11;

    [DllImport("libc", SetLastError = true)]
    public static extern nint opendir(byte* name);

    [DllImport("libc", SetLastError = true)]
    public static extern nint readdir(nint dir);

    [DllImport("libc", SetLastError = true)]
    public static extern int closedir(nint dir);

    [DllImport("libc", SetLastError = true)]
    public static extern int statx(int dirfd, byte* path, int flags, uint mask, byte* buffer);

    [DllImport("libc", SetLastError = true)]
    public static extern int open(byte* path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, byte* buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pwrite(int fd, byte* buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int ftruncate(int fd, long length);

    [DllImport("libc", SetLastError = true)]
    public static extern int flock(int fd, int operation);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern nint realpath(byte* path, nint resolved);

    [DllImport("libc")]
    public static extern void free(nint pointer);

    /// <summary>A NUL-terminated copy of a path for the calls above.</summary>
    public static byte[] Z(ReadOnlySpan<byte> path)
    {
        var z = new byte[path.Length + 1];
        path.CopyTo(z);
        return z;
    }

    /// <summary>The message for the last error of a call (errno), as .NET words it.</summary>
    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
