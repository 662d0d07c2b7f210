using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Pipeline.Sinks;

/// <summary>Where ended items (to review, failed) go: a copy of the input beside a sidecar giving the reason.</summary>
public interface IQuarantineSink
{
    /// <summary>Quarantines the item (its input unchanged) with its sidecar; returns the quarantined copy's path.</summary>
    string Quarantine(WorkItem item);
}
