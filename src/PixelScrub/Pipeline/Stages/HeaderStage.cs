using PixelScrub.Deidentification;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// De-identifies the header after pixel cleaning (CTP's order: the pixel anonymizer first, because its rules read the
/// original header): the spec's functions read the header as first read, the file is written once by the write stage.
/// Every file that goes on is rewritten, passed ones too. A spec that asks for review, or a new value that does not fit
/// its VR, ends the file as quarantined with the reason naming the element.
/// </summary>
internal sealed class HeaderStage(IHeaderAnonymizer anonymizer) : IFileStage
{
    public string Name => "header";

    /// <summary>The spec's key (content and parameters; a key's one-way fingerprint, never the key): another spec redoes files.</summary>
    public string SettingsKey => anonymizer.Key;

    public void Run(WorkItem item)
    {
        var file = item.EnsureWhole();
        var result = anonymizer.Apply(file, new HeaderContext
        {
            Original = item.OriginalHeader,
            PixelsCleaned = item.Cleaned,
            SourcePath = item.Input.FullPath,
        });
        if (!result.IsDone)
        {
            item.End(FileStatus.Quarantined, $"header: {result.Reason}", "quarantine");
            return;
        }

        item.Modified = true;
        item.AddMethod(result.Summary(anonymizer.Name));
        item.AddNotes(result.Notes);
    }
}
