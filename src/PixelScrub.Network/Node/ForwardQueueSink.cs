using PixelScrub.Pipeline.Sinks;
using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Network.Node;

/// <summary>
/// The forward sink: the cleaned or passed object is written whole (temp file and rename, like the output folder) into
/// the spool's outgoing/ queue, counted there, then the forwarder is woken to send it by C-STORE.
/// </summary>
internal sealed class ForwardQueueSink(IOutputSink folder, ForwardQueue queue) : IOutputSink
{
    public string Deliver(WorkItem item)
    {
        var path = folder.Deliver(item);
        queue.Queued(path);
        queue.Signal();
        return path;
    }
}
