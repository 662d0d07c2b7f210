namespace PixelScrub.Text.Ocr;

/// <summary>
/// Drops line images that cannot hold text before OCR reads them. Tesseract spends 50-110 ms of CPU on a long strip of
/// ultrasound speckle (the proposer finds strokes in tissue too), against 2-25 ms on a real line, and reads nothing
/// useful from it.
/// <para>
/// The test, on the prepared image (<see cref="LineImage"/>: dark text on white, contrast stretched; its white margin
/// left out): text has gaps. Between characters and words there are columns without strong ink, in the polarity where
/// the text is ink. Speckle has strong dark and strong bright pixels in almost every column. An image is dropped only
/// when both hold: fewer than <see cref="MinGapShare"/> of its columns are free of pixels darker than
/// <see cref="DarkInk"/>, fewer than that share are free of pixels brighter than <see cref="BrightInk"/> (a candidate
/// whose polarity is wrong is light text on dark, and Tesseract reads it inverted, so both polarities are looked at),
/// and most of it (<see cref="MinInkShare"/>) is darker than mid-grey. Text is a minority of its image's pixels, so a
/// line in the right polarity on a lighter background is kept however busy that background is.
/// </para>
/// <para>
/// Measured on the line images of the corpus ultrasounds (single frames and the cine, 162 images): every line Tesseract
/// reads as text, down to a three-character "60%", has 12-34% gap columns; the speckle strips have 3-4% and 78-84% ink.
/// What it can drop: a line in the wrong polarity over speckle as bright as its text in every gap.
/// </para>
/// </summary>
internal static class SpeckleFilter
{
    public const byte DarkInk = 64;
    public const byte BrightInk = 192;
    public const double MinGapShare = 0.06;
    public const double MinInkShare = 0.6;

    /// <param name="margin">the white border the image was given around the crop, left out of the test</param>
    public static bool IsSpeckle(OcrImage image, int margin) => IsSpeckle(image, margin, image.InkShare(margin));

    /// <param name="margin">the white border the image was given around the crop, left out of the test</param>
    /// <param name="ink">the image's <see cref="OcrImage.InkShare"/> with that margin, when the caller took it already</param>
    public static bool IsSpeckle(OcrImage image, int margin, double ink)
    {
        int x0 = margin, x1 = image.Width - margin, y0 = margin, y1 = image.Height - margin;
        if (x1 - x0 < 1 || y1 - y0 < 1 || ink < MinInkShare) return false;
        int width = x1 - x0;
        Span<bool> dark = width <= 4096 ? stackalloc bool[width] : new bool[width];
        Span<bool> bright = width <= 4096 ? stackalloc bool[width] : new bool[width];
        for (int y = y0; y < y1; y++)
        {
            var row = image.Pixels.AsSpan(y * image.Width + x0, width);
            for (int x = 0; x < width; x++)
            {
                byte v = row[x];
                if (v < DarkInk) dark[x] = true;
                else if (v > BrightInk) bright[x] = true;
            }
        }

        int darkGaps = 0, brightGaps = 0;
        for (int x = 0; x < width; x++)
        {
            if (!dark[x]) darkGaps++;
            if (!bright[x]) brightGaps++;
        }

        return darkGaps < MinGapShare * width && brightGaps < MinGapShare * width;
    }
}
