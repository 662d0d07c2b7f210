using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Pipeline.Sinks;

/// <summary>Where passed and cleaned files go (the output folder; later a C-STORE forward queue).</summary>
public interface IOutputSink
{
    /// <summary>
    /// Delivers the item: a byte-identical copy of the input when <see cref="WorkItem.Modified"/> is false, otherwise the
    /// dataset written once. Atomic: the destination appears complete or not at all. Returns where it went.
    /// </summary>
    string Deliver(WorkItem item);
}
