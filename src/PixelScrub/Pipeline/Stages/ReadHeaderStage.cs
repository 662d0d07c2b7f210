using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Reads the header up to the pixel data (never the pixels). A file that is not DICOM at all (a PDF, a text file) is set
/// aside for review, since no rule can judge it and it may hold PHI; one that is DICOM but unreadable fails.
/// </summary>
internal sealed class ReadHeaderStage : IFileStage
{
    public string Name => "read header";

    public void Run(WorkItem item)
    {
        try
        {
            item.File = DicomFile.Open(item.Input.FullPath, DicomReadOptions.Header);
        }
        catch (DicomFormatException ex) when (ex.NotDicom)
        {
            item.End(FileStatus.Quarantined, "not a DICOM file: set aside for review", "quarantine");
        }
        catch (PixelScrubException ex)
        {
            item.End(FileStatus.Failed, $"cannot read as DICOM: {ex.Message}", "failed");
        }
    }
}
