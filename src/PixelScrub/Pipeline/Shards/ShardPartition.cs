using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PixelScrub.Pipeline.Shards;

/// <summary>
/// The partition of files into shards, the same on every machine, every run and every .NET version: the first 8 bytes of
/// SHA-256 of the relative path (UTF-8, '/' between folders, as the report shows it), read as a big-endian unsigned
/// 64-bit number, modulo N. Anyone can recompute it (in Python:
/// <c>int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "big") % n</c>).
/// </summary>
public static class ShardPartition
{
    public static ulong Key(string relativePath)
    {
        var text = Path.DirectorySeparatorChar == '/' ? relativePath : relativePath.Replace(Path.DirectorySeparatorChar, '/');
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[max] : new byte[max];
        int used = Encoding.UTF8.GetBytes(text, bytes);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes[..used], hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    public static int ShardOf(string relativePath, int shards) => (int)(Key(relativePath) % (ulong)shards);
}
