using System.Buffers.Binary;

namespace PixelScrub.Pipeline.Unix;

/// <summary>The kind of a directory entry (the S_IFMT bits of st_mode).</summary>
internal enum UnixEntryKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}

/// <summary>What statx says about one path: its kind, device and inode (the walk's visited set), size and change time.</summary>
internal readonly record struct UnixEntry(UnixEntryKind Kind, ulong Device, ulong Inode, long Size, long ModifiedNs)
{
    /// <summary>statx on a raw path; null when it fails (the error is in <paramref name="error"/>).</summary>
    public static unsafe UnixEntry? Stat(ReadOnlySpan<byte> path, bool followLinks, out string? error)
    {
        var z = Libc.Z(path);
        byte* buf = stackalloc byte[256];
        int rc;
        fixed (byte* p = z) rc = Libc.statx(Libc.AtFdCwd, p, followLinks ? 0 : Libc.AtSymlinkNoFollow, Libc.StatxBasicStats, buf);
        if (rc != 0)
        {
            error = Libc.LastError();
            return null;
        }

        error = null;
        var s = new ReadOnlySpan<byte>(buf, 256);
        ushort mode = BinaryPrimitives.ReadUInt16LittleEndian(s[28..]);
        ulong ino = BinaryPrimitives.ReadUInt64LittleEndian(s[32..]);
        long size = BinaryPrimitives.ReadInt64LittleEndian(s[40..]);
        long mtime = BinaryPrimitives.ReadInt64LittleEndian(s[112..]) * 1_000_000_000 + BinaryPrimitives.ReadUInt32LittleEndian(s[120..]);
        ulong dev = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(s[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(s[140..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => UnixEntryKind.Regular,
            0x4000 => UnixEntryKind.Directory,
            0xA000 => UnixEntryKind.SymbolicLink,
            0x1000 => UnixEntryKind.Fifo,
            0x2000 => UnixEntryKind.CharacterDevice,
            0x6000 => UnixEntryKind.BlockDevice,
            0xC000 => UnixEntryKind.Socket,
            _ => UnixEntryKind.Unknown,
        };
        return new UnixEntry(kind, dev, ino, size, mtime);
    }

    /// <summary>The kind in words, for report rows.</summary>
    public static string Describe(UnixEntryKind kind) => kind switch
    {
        UnixEntryKind.Fifo => "a FIFO (named pipe)",
        UnixEntryKind.CharacterDevice => "a character device",
        UnixEntryKind.BlockDevice => "a block device",
        UnixEntryKind.Socket => "a socket",
        UnixEntryKind.Directory => "a folder",
        UnixEntryKind.SymbolicLink => "a symbolic link",
        _ => "not a regular file",
    };
}
