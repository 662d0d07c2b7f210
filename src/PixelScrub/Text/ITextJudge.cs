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

    /// <summary>
    /// What the judgement depends on (lists, thresholds), as one string for the resume ledger: a rerun with a judge of
    /// another key redoes the files. The default names the type only; a judge with settings says them.
    /// </summary>
    string Key => GetType().FullName ?? GetType().Name;
}
