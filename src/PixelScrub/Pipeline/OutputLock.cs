using System.Text;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline.Unix;

namespace PixelScrub.Pipeline;

/// <summary>
/// One run per output folder: an exclusive lock (flock) on OUT/.pixelscrub-lock, held for the whole run, with the
/// holder's pid and start time written in it. The kernel releases the lock when its holder exits, however it exits, so a
/// lock file left by a killed run is simply taken over; a second live run is refused with the holder named. The file is
/// left in place when the run ends (deleting it would let two later runs lock two different files). Elsewhere than Linux
/// the same through .NET's FileShare.None (which takes the same kind of lock), without the holder's name in the message.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    public const string FileName = ".pixelscrub-lock";

    /// <summary>How long a busy lock this process took is retried before the run is refused.</summary>
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(3);

    private readonly int _fd = -1;
    private readonly FileStream? _stream;
    private OutputLock? _inner;

    private OutputLock(int fd, FileStream? stream)
    {
        _fd = fd;
        _stream = stream;
    }

    /// <summary>
    /// A shard's lock (Linux): OUT/.pixelscrub-lock held shared (shards run side by side; a whole run, which holds it
    /// exclusively, is refused while any shard runs, and refuses them while it runs) and OUT/.pixelscrub-lock.shard-K-of-N
    /// held exclusively (one run per shard). Elsewhere only the shard's own lock.
    /// </summary>
    public static OutputLock AcquireShard(string outputDirectory, string shardTag)
    {
        var outDir = Path.GetFullPath(outputDirectory);
        if (!OperatingSystem.IsLinux()) return Acquire(outDir, FileName + "." + shardTag);
        var common = Acquire(outDir, FileName, shared: true);
        try
        {
            var own = Acquire(outDir, FileName + "." + shardTag);
            own._inner = common;
            return own;
        }
        catch
        {
            common.Dispose();
            throw;
        }
    }

    public static OutputLock Acquire(string outputDirectory) => Acquire(outputDirectory, FileName);

    private static OutputLock Acquire(string outputDirectory, string fileName, bool shared = false)
    {
        var outDir = Path.GetFullPath(outputDirectory);
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BatchSetupException($"cannot create the output folder {outDir}: {ex.Message}", ex);
        }

        var path = Path.Combine(outDir, fileName);
        var holder = $"pid {Environment.ProcessId} ({ProcessIdentity.Current}) on {Environment.MachineName}, started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\n";
        return OperatingSystem.IsLinux() ? AcquireLinux(outDir, path, holder, shared) : AcquireManaged(outDir, path, holder);
    }

    private static unsafe OutputLock AcquireLinux(string outDir, string path, string holder, bool shared)
    {
        var z = Libc.Z(Encoding.UTF8.GetBytes(path));
        int fd;
        fixed (byte* p = z) fd = Libc.open(p, Libc.ORdWr | Libc.OCreat | Libc.OCloExec | Libc.ONoFollow, 420 /* 0644 */);
        if (fd < 0) throw new BatchSetupException($"cannot write to the output folder {outDir}: {Libc.LastError()}");
        var previous = ReadAll(fd);
        // A child process forked by another thread of this process (between its fork and its exec) shares the open file
        // of a lock this process just released, and so holds it for a moment: a busy lock this process took is retried for
        // a few seconds. One another process took is refused at once: it is held for that run's whole length.
        int errno;
        DateTime? deadline = null;
        while (true)
        {
            if (Libc.flock(fd, (shared ? Libc.LockSh : Libc.LockEx) | Libc.LockNb) == 0)
            {
                errno = 0;
                break;
            }

            errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno == Libc.EIntr) continue;
            if (errno != Libc.EWouldBlock) break;
            deadline ??= DateTime.UtcNow + (TakenHere(path) ? BusyWait : TimeSpan.Zero);
            if (DateTime.UtcNow >= deadline) break;
            Thread.Sleep(50);
        }

        if (errno != 0)
        {
            var error = System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno);
            Libc.close(fd);
            throw new BatchSetupException(errno == Libc.EWouldBlock
                ? $"another pixelscrub run is writing to {outDir} ({(shared ? Trim(previous) ?? "holder unknown" : HolderOrShards(previous))}; lock {path}): wait for it to finish, or choose another --out"
                : $"cannot lock the output folder {outDir} ({path}): {error}");
        }

        // The holder's name is for people; the lock is the flock. On a full disk the name may not fit: the lock still holds.
        // Shards share the common lock: none of them names itself there.
        if (shared) return new OutputLock(fd, null);
        var bytes = Encoding.UTF8.GetBytes(holder);
        fixed (byte* b = bytes)
        {
            if (Libc.ftruncate(fd, 0) == 0) Libc.pwrite(fd, b, bytes.Length, 0);
        }

        return new OutputLock(fd, null);
    }

    private static OutputLock AcquireManaged(string outDir, string path, string holder)
    {
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(holder));
            stream.Flush();
            return new OutputLock(-1, stream);
        }
        catch (IOException ex)
        {
            throw new BatchSetupException($"another pixelscrub run is writing to {outDir}, or it cannot be written ({ex.Message}): wait for it to finish, or choose another --out", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new BatchSetupException($"cannot write to the output folder {outDir}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Whether a flock on the file at <paramref name="path"/> was taken by this process. /proc/locks names, for each flock,
    /// the process that took it, and a child that inherited the open file leaves that name unchanged (proc(5)). True also
    /// when it cannot be told (no /proc, no such lock listed), so that the retry is left out only where it is known to be
    /// useless.
    /// </summary>
    internal static bool TakenHere(string path)
    {
        if (UnixEntry.Stat(Encoding.UTF8.GetBytes(path), followLinks: false, out _) is not { } file) return true;
        string[] locks;
        try
        {
            locks = File.ReadAllLines("/proc/locks");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }

        // "1: FLOCK  ADVISORY  WRITE 4242 fe:00:11659814 0 EOF": id, kind, mode, access, taker's pid, major:minor:inode
        // (device numbers in hex); a lock waiting behind it reads "1: -> FLOCK ..." and is not a holder.
        var id = $"{file.Device >> 32:x2}:{file.Device & 0xFFFF_FFFF:x2}:{file.Inode}";
        var self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool listed = false;
        foreach (var line in locks)
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6 || f[1] != "FLOCK" || f[5] != id) continue;
            if (f[4] == self) return true;
            listed = true;
        }

        return !listed;
    }

    private static unsafe string ReadAll(int fd)
    {
        var buffer = new byte[4096];
        int n = 0;
        fixed (byte* b = buffer)
        {
            while (n < buffer.Length)
            {
                var got = (int)Libc.read(fd, b + n, buffer.Length - n);
                if (got <= 0) break;
                n += got;
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    private static string HolderOrShards(string previous) =>
        Trim(previous) is { } name ? $"{name}, or shard runs (--shard)" : "holder unknown, or shard runs (--shard)";

    private static string? Trim(string text)
    {
        var t = text.Trim();
        return t.Length == 0 ? null : t;
    }

    public void Dispose()
    {
        if (_fd >= 0) Libc.close(_fd);
        _stream?.Dispose();
        _inner?.Dispose();
    }
}
