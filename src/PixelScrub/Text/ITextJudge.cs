using PixelScrub.Dicom;

namespace PixelScrub.Text;

/// <summary>
/// Decides which recognised text is PHI. Given the lines read from one file and that file's original header (before any
/// header de-identification), returns one finding per line, in the same order. Implementations must be thread-safe:
/// one judge serves every worker.
/// </summary>
public interface ITextJudge
{
    IReadOnlyList<TextFinding> Judge(IReadOnlyList<TextLine> lines, DicomDataset header);
}
