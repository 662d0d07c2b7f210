namespace PixelScrub.Network.Upper;

/// <summary>
/// What one peer can make us hold (ARCHITECTURE.md, servers): PDU sizes, the time to wait for a PDU, the time a whole
/// PDU may take to arrive (so a sender trickling bytes is cut off), and the ARTIM timer (PS3.8 9.1.5).
/// </summary>
internal sealed record AssociationLimits
{
    /// <summary>The Maximum Length we announce and enforce for P-DATA-TF PDUs we receive (PS3.8 D.1).</summary>
    public uint MaxReceivePdu { get; init; } = 256 * 1024;

    /// <summary>The largest association negotiation PDU accepted (A-ASSOCIATE-RQ/AC).</summary>
    public int MaxAssociatePdu { get; init; } = 128 * 1024;

    /// <summary>The largest DIMSE command set accepted (commands are a few hundred bytes).</summary>
    public int MaxCommandBytes { get; init; } = 64 * 1024;

    /// <summary>The largest data set accepted in one C-STORE.</summary>
    public long MaxDataSetBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>ARTIM (PS3.8 9.1.5): how long to wait for the A-ASSOCIATE-RQ after a connection, and for the close after a release or abort.</summary>
    public TimeSpan Artim { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the next PDU on an open association, and for any one PDU to arrive whole.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Our P-DATA fragment size when the peer sets no limit (Maximum Length 0).</summary>
    public int DefaultSendPdu { get; init; } = 256 * 1024;
}
