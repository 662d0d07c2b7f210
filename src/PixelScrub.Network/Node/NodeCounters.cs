namespace PixelScrub.Network.Node;

/// <summary>Running totals of a node, for the progress line and tests.</summary>
public sealed class NodeCounters
{
    internal long ReceivedCount;
    internal long ReceivedBytesCount;
    internal long PassedCount;
    internal long CleanedCount;
    internal long QuarantinedCount;
    internal long FailedCount;
    internal long ForwardedCount;
    internal long ForwardedBytesCount;
    internal long ForwardErrorCount;

    public long Received => Interlocked.Read(ref ReceivedCount);
    public long ReceivedBytes => Interlocked.Read(ref ReceivedBytesCount);
    public long Passed => Interlocked.Read(ref PassedCount);
    public long Cleaned => Interlocked.Read(ref CleanedCount);
    public long Quarantined => Interlocked.Read(ref QuarantinedCount);
    public long Failed => Interlocked.Read(ref FailedCount);
    public long Forwarded => Interlocked.Read(ref ForwardedCount);
    public long ForwardedBytes => Interlocked.Read(ref ForwardedBytesCount);
    public long ForwardErrors => Interlocked.Read(ref ForwardErrorCount);
}
