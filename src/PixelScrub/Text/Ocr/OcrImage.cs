namespace PixelScrub.Text.Ocr;

/// <summary>An 8-bit grey image (dark text on a light background, one byte per pixel, rows back to back) to read as one line.</summary>
internal sealed record OcrImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>The largest side accepted (Tesseract's own limit is 32767; a line crop is far smaller).</summary>
    public const int MaxSide = 16384;

    /// <summary>The share of the pixels inside a margin of <paramref name="margin"/> that are darker than mid-grey: the
    /// ink, in the polarity the image was prepared in (text is a minority of a line's pixels); 0 when nothing is inside.</summary>
    public double InkShare(int margin)
    {
        int x0 = margin, x1 = Width - margin, y0 = margin, y1 = Height - margin;
        if (x1 <= x0 || y1 <= y0) return 0;
        long ink = 0;
        for (int y = y0; y < y1; y++)
        {
            foreach (byte v in Pixels.AsSpan(y * Width + x0, x1 - x0))
                if (v < 128) ink++;
        }

        return (double)ink / ((long)(x1 - x0) * (y1 - y0));
    }
}
