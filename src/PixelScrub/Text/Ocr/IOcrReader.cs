namespace PixelScrub.Text.Ocr;

/// <summary>Reads line images (each as one line); one list of words per image, in order. One reader serves one worker thread.</summary>
internal interface IOcrReader : IDisposable
{
    /// <param name="frame">the frame the images come from (for error messages)</param>
    /// <param name="tryInverted">whether Tesseract also reads a doubtful line inverted (tessedit_do_invert)</param>
    List<List<OcrWord>> Read(IReadOnlyList<OcrImage> images, int frame, bool tryInverted = true);
}
