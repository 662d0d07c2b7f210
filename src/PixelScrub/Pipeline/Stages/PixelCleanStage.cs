using PixelScrub.Cleaning;
using PixelScrub.Rules;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Cleans the regions of the mask in the pixel data (native rows, JPEG in the DCT domain, other encodings decoded and
/// encoded again). Fail closed: a file a rule asks to clean that cannot be cleaned ends as failed and goes to quarantine.
/// </summary>
internal sealed class PixelCleanStage(DicomPixelCleaner cleaner, CleanOptions options) : IFileStage
{
    public string Name => "pixel clean";

    public string SettingsKey =>
        $"fill {options.Fill}, jpeg {options.Jpeg}, icons {options.Icons}, overlays {options.Overlays}, burned-in annotation {(options.SetBurnedInAnnotation ? "set" : "kept")}";

    public void Run(WorkItem item)
    {
        if (item.Decision != Decision.Clean) return;
        try
        {
            var file = item.EnsureWhole();
            // A file with no image at all (a structured report, a presentation state that a broad rule matched) has no
            // pixels to clean: it passes with a note instead of failing. Anything that can carry burned-in text still
            // goes the fail-closed way.
            if (HiddenPixels.NoImage(file.Dataset))
            {
                item.AddNote("a rule asks to clean this file but it has no pixel data, overlays or icons: nothing to clean, passed unchanged");
                return;
            }

            var mask = item.Mask ?? throw new UnsupportedInputException("a rule asks to clean regions but the header gives no Rows/Columns");

            // Fail closed: a rule that names regions this image does not have is a rule that does not fit the image.
            if (mask.IsEmpty) throw new UnsupportedInputException("the rules' clean regions lie outside the image or are all cancelled by keep regions");

            var result = cleaner.Clean(file, mask, options);
            item.Modified = true;
            item.Cleaned = true;
            item.PixelsCleaned = result.PixelsCleaned;
            item.AddMethod(result.Method);
            item.AddNotes(result.Notes);
        }
        catch (PixelScrubException ex)
        {
            item.End(FileStatus.Failed, $"a rule asks to clean this file but it cannot be cleaned: {ex.Message}");
        }
    }
}
