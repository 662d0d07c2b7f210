namespace PixelScrub.Text.Ocr;

/// <summary>Tesseract in this process (library callers without a worker command, and the worker process itself).</summary>
internal sealed class InProcessOcrReader : IOcrReader
{
    private readonly TesseractEngine _engine = TesseractEngine.Create();

    public List<List<OcrWord>> Read(IReadOnlyList<OcrImage> images, int frame, bool tryInverted = true)
    {
        var result = new List<List<OcrWord>>(images.Count);
        foreach (var image in images) result.Add(_engine.Read(image, tryInverted));
        return result;
    }

    public void Dispose() => _engine.Dispose();
}
