using System.Net;
using PixelScrub.Network.Upper;

namespace PixelScrub.Network.Scp;

/// <summary>How the SCP listens: address (loopback unless told), port (0: any free one), policy, limits, how many associations at once.</summary>
internal sealed record DicomServerOptions
{
    public IPAddress Address { get; init; } = IPAddress.Loopback;
    public int Port { get; init; }
    public required AcceptorPolicy Policy { get; init; }
    public AssociationLimits Limits { get; init; } = new();

    /// <summary>Associations served at once; further connections wait in the listen backlog (back-pressure).</summary>
    public int MaxAssociations { get; init; } = 8;
}
