namespace PixelScrub.Text.Ocr;

/// <summary>An 8-bit grey image (dark text on a light background, one byte per pixel, rows back to back) to read as one line.</summary>
internal sealed record OcrImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>The largest side accepted (Tesseract's own limit is 32767; a line crop is far smaller).</summary>
    public const int MaxSide = 16384;
}
