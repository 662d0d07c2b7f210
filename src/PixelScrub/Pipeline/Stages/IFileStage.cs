namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// One step of the per-file pass (ARCHITECTURE.md, "What flows"): reads and adds to the <see cref="WorkItem"/>, and either
/// leaves it for the next stage or ends it with <see cref="WorkItem.End"/> (quarantine, failure, skip). A
/// <see cref="PixelScrubException"/> or an I/O error escaping a stage ends the item as failed (fail closed); a stage that
/// can say more about its failure catches its own exceptions and ends the item with that reason.
/// </summary>
public interface IFileStage
{
    /// <summary>A short name for reports and errors ("read header", "rules", "pixel clean", ...).</summary>
    string Name { get; }

    /// <summary>True for a stage that also runs on items an earlier stage ended (previews of quarantined files).</summary>
    bool RunsOnEnded => false;

    /// <summary>
    /// The settings of this stage that change what is written ("" for none), e.g. the fill of the pixel clean stage. The
    /// resume ledger keys finished files by every stage's key, so a rerun with other settings does the files again.
    /// </summary>
    string SettingsKey => "";

    void Run(WorkItem item);
}
