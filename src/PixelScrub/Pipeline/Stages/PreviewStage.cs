using System.Diagnostics;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Writes a before/after comparison for every cleaned, quarantined and failed file beside the report. A file that cannot
/// be rendered gets a note, never a different outcome.
/// </summary>
internal sealed class PreviewStage(string folder) : IFileStage
{
    public string Name => "preview";

    public bool RunsOnEnded => true;

    public void Run(WorkItem item)
    {
        if (item.Status is not (FileStatus.Cleaned or FileStatus.Quarantined or FileStatus.Failed)) return;
        var path = Path.Combine(folder, item.Input.RelativePath + ".compare.png");
        if (item.Detection is null)
        {
            item.AddNote("no preview: the file could not be read as DICOM");
            return;
        }

        try
        {
            using var original = DicomFile.Open(item.Input.FullPath);
            using var written = item.Status == FileStatus.Cleaned && item.Output is not null ? DicomFile.Open(item.Output) : null;
            Debug.Assert(item.Detection is not null);
            PreviewWriter.WriteCompare(original, written ?? original, item.Detection, path);
            item.AddNote($"preview: {path}");
        }
        catch (Exception ex) when (ex is PixelScrubException or IOException or ArgumentException)
        {
            item.AddNote($"no preview: {ex.Message}");
        }
    }
}
