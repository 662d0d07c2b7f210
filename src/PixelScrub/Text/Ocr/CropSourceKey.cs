namespace PixelScrub.Text.Ocr;

/// <summary>
/// What a line image is prepared from (see <see cref="LineImage.SourceKey"/>): the SHA-256 of it (all 256 bits). Equal keys
/// must mean equal images, so the hash must not collide even for pixels made to (a wrong reuse could leave PHI unread).
/// </summary>
internal readonly record struct CropSourceKey(UInt128 HashLow, UInt128 HashHigh);
