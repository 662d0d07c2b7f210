using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Network.Node;

/// <summary>
/// After the header is read: an object that arrived in a transfer syntax PixelScrub cannot clean was accepted only to be
/// set aside (fail closed): it is quarantined for review rather than passed on uncleaned.
/// </summary>
internal sealed class SyntaxGateStage(Func<Dicom.TransferSyntax, bool> cleanable) : IFileStage
{
    public string Name => "transfer syntax gate";

    public void Run(WorkItem item)
    {
        var ts = item.File?.TransferSyntax;
        if (ts is null || cleanable(ts)) return;
        item.End(FileStatus.Quarantined, $"received in {ts.Name} ({ts.Uid}), which PixelScrub cannot clean: set aside for review", "quarantine");
    }
}
