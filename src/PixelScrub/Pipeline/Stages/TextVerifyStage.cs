using PixelScrub.Text;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// `--text verify|redact`: reads what is about to be written (cleaned, transcoded or passed) and judges it against the
/// original header; PHI text left sends the file to quarantine ("residual PHI text", the lines in the sidecar) instead
/// of the output. A file redact already read whose pixels were not changed since reuses that reading.
/// </summary>
internal sealed class TextVerifyStage(TextService text, TextOptions options) : IFileStage
{
    public const string Residual = "residual PHI text";

    public string Name => "text verify";

    public void Run(WorkItem item)
    {
        var file = item.File ?? throw new InvalidOperationException("the text stage needs the file");
        item.TextTriage ??= options.Triage.Select(file.Dataset, item.Detection);
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
                item.EnsureWhole();
                // The judge sees the header as it was read: the text stages run before any header change.
                var (_, read) = text.Read(file, file.Dataset);
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
        if (residual.Count == 0) return;
        item.ResidualText = residual;
        item.End(FileStatus.Quarantined,
            $"{Residual}: {residual.Count} line{(residual.Count == 1 ? "" : "s")} ({string.Join(", ", residual.Select(r => r.Verdict.Match).Distinct())})",
            "quarantine");
    }
}
