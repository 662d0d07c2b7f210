using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// What one OCR request reads: the prepared line image's size, how it was prepared, whether it is a first read (which
/// drops speckle unread; a second read reads whatever it is given), whether Tesseract also tries it inverted, and the
/// SHA-256 of its pixels (all 256 bits). Requests with the same key get the same reading, in any file of
/// a run, so the key holds everything the reading depends on, and the hash must not collide even for pixels made to
/// (a wrong reuse could leave PHI unread).
/// </summary>
internal readonly record struct CropKey(int Width, int Height, LineImage.Rendering Rendering, bool FirstRead, bool TryInverted, UInt128 HashLow, UInt128 HashHigh)
{
    public static CropKey Of(OcrImage image, LineImage.Rendering rendering, bool firstRead, bool tryInverted)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(image.Pixels, digest);
        return new CropKey(image.Width, image.Height, rendering, firstRead, tryInverted,
            BinaryPrimitives.ReadUInt128LittleEndian(digest), BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]));
    }
}
