namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Keeps a copy of the header as read, before pixel cleaning changes anything (icons, overlays, Burned In Annotation),
/// so the header stage's rules read the original header (ARCHITECTURE.md: rules judge the original header).
/// </summary>
internal sealed class HeaderSnapshotStage : IFileStage
{
    public string Name => "header snapshot";

    public void Run(WorkItem item)
    {
        var file = item.File ?? throw new InvalidOperationException("the header snapshot needs the header");
        item.OriginalHeader = file.Dataset.Copy();
    }
}
