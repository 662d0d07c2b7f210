using System.Text.Json;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Pipeline.Sinks;

/// <summary>
/// The quarantine folder: the input copied unchanged to its relative path, and NAME.json beside it with the status,
/// reason, matched rules and notes. Both through temp file and rename, the sidecar first: a quarantined copy never
/// stands without its sidecar (when the copy cannot be made, the sidecar is taken back).
/// </summary>
/// <param name="durable">fsync each file before its rename (default); a batch passes false (see <see cref="FolderSink"/>).</param>
internal sealed class QuarantineFolderSink(string quarantineDirectory, string stagingDirectory, bool durable = true) : IQuarantineSink
{
    private readonly string _root = Path.GetFullPath(quarantineDirectory);

    public string Quarantine(WorkItem item)
    {
        var dest = Path.Combine(_root, item.Input.RelativePath);
        var status = item.EndStatus ?? FileStatus.Failed;
        var sidecar = new QuarantineSidecar(
            item.Input.FullPath, status.ToString().ToLowerInvariant(), item.EndReason ?? "", FilePipeline.DecisionText(item),
            item.Detection?.Matches.Select(m => new SidecarMatch(m.Group, m.Label, m.Reason, m.Source, m.Operations.Select(FilePipeline.RegionText).ToArray())).ToArray() ?? [],
            item.Notes)
        {
            Text = FilePipeline.TextRows(item),
        };
        var sidecarPath = dest + ".json";
        AtomicFile.Write(sidecarPath, s => JsonSerializer.Serialize(s, sidecar, PipelineJson.Default.QuarantineSidecar), stagingDirectory, durable);
        try
        {
            FolderSink.CopyInput(item, dest, stagingDirectory, durable);
        }
        catch
        {
            try
            {
                File.Delete(sidecarPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the sidecar stays, saying why the file was to be quarantined; the report says the copy failed
            }

            throw;
        }

        return dest;
    }
}
