namespace PixelScrub.Text.Ocr;

/// <summary>OCR readings of one file by crop content (size and hash of the prepared line image).</summary>
internal sealed class OcrCache
{
    public Dictionary<(int W, int H, long Hash), List<OcrWord>> Readings { get; } = [];
}
