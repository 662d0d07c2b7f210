using PixelScrub.Cleaning;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Rewrites files in another transfer syntax (CTP's DicomDecompressor / DicomTranscoder stages), cleaned or passed. A
/// passed file rewritten so is no longer a byte-identical copy, and its row says so; one that cannot be written in the
/// target fails with the reason.
/// </summary>
internal sealed class TranscodeStage(Transcoder transcoder, TranscodeOptions transcode) : IFileStage
{
    public string Name => "transcode";

    public string SettingsKey => transcode.Key;

    public void Run(WorkItem item)
    {
        var file = item.File ?? throw new InvalidOperationException("the transcode stage needs the file");
        if (!transcode.Applies(file.TransferSyntax)) return;
        try
        {
            item.EnsureWhole();
            var result = transcoder.Transcode(file, transcode);
            item.AddNotes(result.Notes);
            if (!result.Changed) return;
            item.Modified = true;
            item.AddMethod(result.Method);
            if (!item.Cleaned) item.AddNote("rewritten in the new transfer syntax: not a byte-identical copy of the input");
        }
        catch (PixelScrubException ex)
        {
            var what = item.Cleaned ? "cleaned" : "passed by the rules";
            item.End(FileStatus.Failed, $"{what}, but cannot be written as {transcode.Target.Name} ({transcode.Target.Uid}): {ex.Message}");
        }
    }
}
