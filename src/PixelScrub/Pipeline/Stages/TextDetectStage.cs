using PixelScrub.Cleaning;
using PixelScrub.Text;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// `--text redact`: reads the text in the original pixels of the files triage selects and judges it against the original
/// header, before the decision (which then adds the PHI boxes to the mask). Fail closed: a selected file whose pixels
/// cannot be read (unsupported layout, Tesseract missing) goes to quarantine with the reason.
/// </summary>
internal sealed class TextDetectStage(TextService text, TextOptions options) : IFileStage
{
    public string Name => "text detect";

    public void Run(WorkItem item)
    {
        var file = item.File ?? throw new InvalidOperationException("the text stage needs the header");
        var why = options.Triage.Select(file.Dataset, item.Detection);
        if (why is null) return;
        item.TextTriage = why;
        try
        {
            // No pixel data, overlay or icon (a structured report): nothing can be burned in, nothing to read (the verify
            // stage notes it); any image at all is read, and one that cannot be rendered is quarantined below.
            if (HiddenPixels.NoImage(item.EnsureWhole().Dataset)) return;
            var (scan, findings) = text.Read(file, file.Dataset);
            item.TextFindings = findings;
            item.AddNotes(scan.Notes);
            if (scan.FramesRead > 1) item.AddNote($"text: {scan.FramesRead} frames, {scan.RegionsRead} regions read, {scan.RegionsReused} reused");
        }
        catch (PixelScrubException e)
        {
            item.End(FileStatus.Quarantined, $"the text in its pixels cannot be read ({why}): {e.Message}", "quarantine");
        }
    }
}
