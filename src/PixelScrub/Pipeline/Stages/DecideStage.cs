using PixelScrub.Cleaning;
using PixelScrub.Masks;
using PixelScrub.Rules;
using PixelScrub.Text;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Applies the decision (ARCHITECTURE.md, "decision policy"): a file to review is ended and quarantined; a file to clean
/// gets its mask; a passed file gets notes on pixels hidden elsewhere (icons, overlays) that nothing cleaned.
/// With `--text redact`, text judged PHI joins the mask (each box padded; it wins over keep regions), a passed file with
/// PHI text is cleaned, and a file flagged without regions is cleaned by what OCR found unless its text cannot be
/// judged (mostly unknown lines) or its rule group is one that still holds.
/// </summary>
internal sealed class DecideStage(TextOptions? text = null) : IFileStage
{
    public string Name => "decide";

    public void Run(WorkItem item)
    {
        var detection = item.Detection ?? throw new InvalidOperationException("the decide stage needs the rules' detection");
        var decision = detection.Decision;
        var reason = detection.DecisionReason;
        var operations = detection.Operations.ToList();
        int columns = detection.Columns, rows = detection.Rows;

        if (text is { Mode: TextMode.Redact } && item.TextFindings is { } findings)
        {
            var phi = findings.Where(f => f.IsPhi).ToList();
            var removed = findings.Where(f => f.Redacted).ToList();
            foreach (var f in removed) operations.Add(new MaskOperation(MaskValue.Clean, f.RedactionRegion(text.Padding, columns, rows)));

            string found = $"OCR found {phi.Count} PHI line{(phi.Count == 1 ? "" : "s")}"
                + (removed.Count > phi.Count ? $" and {removed.Count - phi.Count} unreadable" : "");
            if (decision == Decision.Quarantine)
            {
                int unknown = findings.Count(f => f.Verdict.Kind == TextVerdictKind.Unknown);
                bool held = detection.Matches.Any(m => text.HoldGroups.Contains(m.Group) || (m.IsFilterRejection && text.HoldGroups.Contains("filter")));
                if (held)
                {
                    reason += " (its rule group still holds files with --text redact)";
                }
                else if (findings.Count > 0 && unknown > text.MaxUnknownShare * findings.Count)
                {
                    reason += $"; held: its text cannot be judged ({unknown} of {findings.Count} lines unknown)";
                }
                else
                {
                    decision = removed.Count > 0 ? Decision.Clean : Decision.Pass;
                    reason = $"{reason}; with --text redact: {found}" + (removed.Count > 0 ? ", cleaned and verified" : ", passed after verification");
                }
            }
            else if (removed.Count > 0)
            {
                reason = decision == Decision.Clean ? $"{reason}; {found}, added to the mask" : $"{found} (no rule regions)";
                decision = Decision.Clean;
            }
        }

        item.Decision = decision;
        item.DecisionReason = reason;
        switch (decision)
        {
            case Decision.Quarantine:
                item.End(FileStatus.Quarantined, reason);
                break;
            case Decision.Clean:
                item.Mask = columns > 0 && rows > 0 ? new PixelMask(columns, rows, operations) : null;
                break;
            default:
                item.AddNotes(HiddenPixels.Describe(item.File!.Dataset));
                break;
        }
    }
}
