namespace PixelScrub.Text.Ocr;

/// <summary>What preparing a candidate came to (kept for the run by <see cref="OcrCache"/>): the key of the line image read, and whether its polarity was turned.</summary>
internal readonly record struct PreparedCrop(CropKey Key, bool Turned);
