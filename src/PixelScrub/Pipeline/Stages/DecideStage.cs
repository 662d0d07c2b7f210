using PixelScrub.Cleaning;
using PixelScrub.Rules;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Applies the decision (ARCHITECTURE.md, "decision policy"): a file to review is ended and quarantined; a file to clean
/// gets its mask; a passed file gets notes on pixels hidden elsewhere (icons, overlays) that nothing cleaned.
/// </summary>
internal sealed class DecideStage : IFileStage
{
    public string Name => "decide";

    public void Run(WorkItem item)
    {
        var detection = item.Detection ?? throw new InvalidOperationException("the decide stage needs the rules' detection");
        item.Decision = detection.Decision;
        item.DecisionReason = detection.DecisionReason;
        switch (detection.Decision)
        {
            case Decision.Quarantine:
                item.End(FileStatus.Quarantined, detection.DecisionReason);
                break;
            case Decision.Clean:
                item.Mask = detection.Columns > 0 && detection.Rows > 0 ? detection.BuildMask() : null;
                break;
            default:
                item.AddNotes(HiddenPixels.Describe(item.File!.Dataset));
                break;
        }
    }
}
