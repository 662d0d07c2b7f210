namespace PixelScrub.Text.Ocr;

/// <summary>OCR readings of one file by crop content (size and hash of the prepared line image).</summary>
internal sealed class OcrCache
{
    public Dictionary<CropKey, List<OcrWord>> Readings { get; } = [];
}

/// <summary>
/// A prepared line image's content: its size and the first 128 bits of the SHA-256 of its pixels. Two crops with the same
/// key share one reading, so the hash must not collide in practice (a wrong reuse could leave PHI unread).
/// </summary>
internal readonly record struct CropKey(int Width, int Height, UInt128 Hash);
