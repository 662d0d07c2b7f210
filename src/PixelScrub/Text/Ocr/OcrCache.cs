namespace PixelScrub.Text.Ocr;

/// <summary>OCR readings of one file by crop content (size and hash of the prepared line image).</summary>
internal sealed class OcrCache
{
    public Dictionary<CropKey, List<OcrWord>> Readings { get; } = [];

    /// <summary>
    /// Candidates already prepared, by what their first line image is made from and where they were found (an overlay's
    /// polarity is never turned): the key of the image read for them, and whether the polarity was turned to read it. A
    /// line unchanged since an earlier frame finds its reading through this without its image being prepared again.
    /// </summary>
    public Dictionary<(CropSourceKey Source, TextSource From), PreparedCrop> Prepared { get; } = [];
}

/// <summary>
/// A prepared line image's content: its size and the first 128 bits of the SHA-256 of its pixels. Two crops with the same
/// key share one reading, so the hash must not collide in practice (a wrong reuse could leave PHI unread).
/// </summary>
internal readonly record struct CropKey(int Width, int Height, UInt128 Hash);
