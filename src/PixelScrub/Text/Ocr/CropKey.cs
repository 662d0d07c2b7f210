namespace PixelScrub.Text.Ocr;

/// <summary>
/// What one OCR request reads: the prepared line image's size, how it was prepared, whether it is a first read (which
/// drops speckle unread; a second read reads whatever it is given), whether Tesseract also tries it inverted, and the
/// <see cref="ContentHash"/> of its pixels. Requests with the same key get the same reading, in any file of a run, so
/// the key holds everything the reading depends on.
/// </summary>
internal readonly record struct CropKey(int Width, int Height, LineImage.Rendering Rendering, bool FirstRead, bool TryInverted, ContentHash Hash)
{
    public static CropKey Of(OcrImage image, LineImage.Rendering rendering, bool firstRead, bool tryInverted) =>
        new(image.Width, image.Height, rendering, firstRead, tryInverted, ContentHash.Of(image.Pixels));
}
