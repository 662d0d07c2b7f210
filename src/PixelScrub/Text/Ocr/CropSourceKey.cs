namespace PixelScrub.Text.Ocr;

/// <summary>
/// What a line image is prepared from (see <see cref="LineImage.SourceKey"/>): the first 128 bits of a SHA-256. Equal keys
/// must mean equal images, so the hash must not collide in practice (a wrong reuse could leave PHI unread).
/// </summary>
internal readonly record struct CropSourceKey(UInt128 Hash);
