using PixelScrub.Pipeline.Sinks;

namespace PixelScrub.Pipeline.Stages;

/// <summary>Hands a passed or cleaned file to the output sink: copied unchanged, or written once from the changed dataset.</summary>
internal sealed class WriteStage(IOutputSink sink) : IFileStage
{
    public string Name => "write";

    public void Run(WorkItem item) => item.Output = sink.Deliver(item);
}
