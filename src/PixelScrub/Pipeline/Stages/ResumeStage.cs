namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Skips a file an earlier run finished with the same content and settings (the ledger in OUT), so an interrupted batch
/// completes. Keeps the input's hash on the item; the pipeline records finished files after their output is in place.
/// A file the ledger has no entry for cannot be done already, so it is not read here: its hash is taken while it is
/// copied (<see cref="WorkItem.HashWhileCopying"/>), so a passed or quarantined file is read once.
/// </summary>
internal sealed class ResumeStage(Ledger ledger) : IFileStage
{
    public string Name => "resume";

    public void Run(WorkItem item)
    {
        if (!ledger.HasEntry(item.Input.RelativePath))
        {
            item.HashWhileCopying = true;
            return;
        }

        item.Sha256 = Ledger.Sha256Of(item.Input.FullPath);
        if (!ledger.IsDone(item.Input.RelativePath, item.Sha256, out var done)) return;
        item.Output = done!.Destination;
        item.End(FileStatus.Skipped, $"already done by an earlier run ({done.Status.ToLowerInvariant()}), same input content");
    }
}
