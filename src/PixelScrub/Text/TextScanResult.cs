namespace PixelScrub.Text;

/// <summary>
/// What a scan of one file read: the recognised lines (every frame, and overlay planes), how many frames were read,
/// how many candidate regions OCR read (the rest reused a reading of the same line image, from an earlier frame or another file of the run, or were dropped as speckle), and notes (a frame or overlay that
/// could not be read).
/// </summary>
public sealed record TextScanResult(IReadOnlyList<TextLine> Lines, int FramesRead, int RegionsRead, int RegionsReused, IReadOnlyList<string> Notes);
