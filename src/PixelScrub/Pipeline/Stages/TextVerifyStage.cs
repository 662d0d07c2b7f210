using PixelScrub.Cleaning;
using PixelScrub.Masks;
using PixelScrub.Text;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// `--text verify|redact`: reads what is about to be written (cleaned, transcoded or passed) and judges it against the
/// original header; PHI text left sends the file to quarantine ("residual PHI text", the lines in the sidecar) instead
/// of the output. A file redact already read whose pixels were not changed since reuses that reading.
/// </summary>
/// With redact, PHI text verification still finds in a file PixelScrub cleaned (text the first reading missed, often
/// because a neighbouring line hid it) is cleaned too and the output read again, up to <see cref="RedactRounds"/> times.
internal sealed class TextVerifyStage(TextService text, TextOptions options, DicomPixelCleaner? cleaner = null, CleanOptions? clean = null) : IFileStage
{
    public const string Residual = "residual PHI text";

    /// <summary>Extra clean-and-read rounds in redact mode.</summary>
    public const int RedactRounds = 2;

    public string Name => "text verify";

    /// <summary>The text settings and the judge's lists (by content): a rerun with other ones redoes the files.</summary>
    public string SettingsKey => options.Key is { } key ? key + " judge=(" + text.Judge.Key + ")" : "";

    public void Run(WorkItem item)
    {
        var file = item.File ?? throw new InvalidOperationException("the text stage needs the file");
        item.TextTriage ??= options.Triage.Select(item.OriginalHeader ?? file.Dataset, item.Detection);
        if (item.TextTriage is null) return;
        IReadOnlyList<TextFinding> findings;
        if (item.TextFindings is { } before && !item.Modified)
        {
            findings = before;
        }
        else
        {
            try
            {
                // No pixel data, overlay or icon (a structured report): no text can be burned in, nothing to read. Any
                // image at all is read, and one that cannot be rendered is quarantined below (fail closed).
                if (HiddenPixels.NoImage(item.EnsureWhole().Dataset))
                {
                    item.AddNote("text: nothing to read (no pixel data, overlays or icons)");
                    return;
                }

                // The judge sees the header as it was read (the header stage, when present, ran before this one).
                var (_, read) = text.Read(file, item.OriginalHeader ?? file.Dataset);
                findings = read;
                item.TextFindings ??= read;
            }
            catch (PixelScrubException e)
            {
                item.End(FileStatus.Quarantined, $"the output cannot be verified ({item.TextTriage}): {e.Message}", "quarantine");
                return;
            }
        }

        var residual = findings.Where(f => f.IsPhi).ToList();
        for (int round = 0; residual.Count > 0 && round < RedactRounds && options.Mode == TextMode.Redact && item.Cleaned && cleaner is not null; round++)
        {
            try
            {
                var columns = item.Mask?.Columns ?? 0;
                var rows = item.Mask?.Rows ?? 0;
                var more = residual.Select(f => new MaskOperation(MaskValue.Clean, f.RedactionRegion(options.Padding, columns, rows))).ToList();
                var mask = new PixelMask(columns, rows, more);
                if (mask.IsEmpty) break;
                var result = cleaner.Clean(file, mask, clean ?? CleanOptions.Default);
                item.PixelsCleaned += result.PixelsCleaned;
                item.AddNote($"text: verification found {residual.Count} more PHI line{(residual.Count == 1 ? "" : "s")}, cleaned (round {round + 2})");
                var (_, again) = text.Read(file, item.OriginalHeader ?? file.Dataset);
                item.TextFindings = [.. item.TextFindings ?? [], .. residual];
                residual = again.Where(f => f.IsPhi).ToList();
            }
            catch (PixelScrubException e)
            {
                item.End(FileStatus.Failed, $"PHI text found on verification could not be cleaned: {e.Message}");
                return;
            }
        }

        if (residual.Count == 0) return;
        item.ResidualText = residual;
        item.End(FileStatus.Quarantined,
            $"{Residual}: {residual.Count} line{(residual.Count == 1 ? "" : "s")} ({string.Join(", ", residual.Select(r => r.Verdict.Match).Distinct())})",
            "quarantine");
    }
}
