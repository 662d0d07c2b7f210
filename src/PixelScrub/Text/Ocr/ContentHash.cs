using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// The SHA-256 of some bytes, all 256 bits: what OCR readings are keyed by (<see cref="CropKey"/>, and what a line image
/// is made from, <see cref="LineImage.SourceKey"/>). Equal hashes are taken as equal bytes, so it must not collide even
/// for bytes made to (a wrong reuse could leave PHI unread).
/// </summary>
internal readonly record struct ContentHash(UInt128 Low, UInt128 High)
{
    public static ContentHash Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        return FromDigest(digest);
    }

    /// <summary>
    /// The hash of all <paramref name="sha256"/> (a SHA-256 <see cref="IncrementalHash"/>) was given since it was made or
    /// last reset, which it forgets: bytes hashed where they lie, in pieces, key the same as the same bytes in one span.
    /// </summary>
    public static ContentHash Of(IncrementalHash sha256)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        sha256.GetHashAndReset(digest);
        return FromDigest(digest);
    }

    private static ContentHash FromDigest(ReadOnlySpan<byte> digest) =>
        new(BinaryPrimitives.ReadUInt128LittleEndian(digest), BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]));
}
