namespace PixelScrub.Network.Upper;

/// <summary>An A-ASSOCIATE-AC (PS3.8 9.3.3) as parsed or to be encoded.</summary>
internal sealed record AssociateAccept
{
    public required string CalledAe { get; init; }
    public required string CallingAe { get; init; }
    public string ApplicationContext { get; init; } = PduCodec.DicomApplicationContext;
    public required IReadOnlyList<PresentationContextResult> Results { get; init; }

    /// <summary>The largest P-DATA-TF variable field the acceptor will receive (0: no limit).</summary>
    public uint MaxPduLength { get; init; }

    public string ImplementationClassUid { get; init; } = "";
    public string? ImplementationVersion { get; init; }

    /// <summary>The server response to a user identity request (sub-item 0x59), when one was given.</summary>
    public byte[]? UserIdentityResponse { get; init; }
}
