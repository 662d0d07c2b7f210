using PixelScrub.Network.Spool;

namespace PixelScrub.Network.Scp;

/// <summary>Where the SCP puts what it receives: the node's spool, and the hand-off once an object is durable.</summary>
internal interface IStoreTarget
{
    /// <summary>Starts receiving an object into the spool; throws <see cref="IOException"/> (Out of Resources) when it has no room.</summary>
    SpoolEntry Begin(string sopClass, string sopInstance, string transferSyntax, string callingAe);

    /// <summary>Commits a received object durably (under the node's per-instance lock) and queues it; may block for back-pressure.</summary>
    void Commit(SpoolEntry entry, string callingAe);
}
