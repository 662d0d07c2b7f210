namespace PixelScrub.Network.Upper;

/// <summary>An A-ASSOCIATE-RQ (PS3.8 9.3.2) as parsed or to be encoded.</summary>
internal sealed record AssociateRequest
{
    public required string CalledAe { get; init; }
    public required string CallingAe { get; init; }
    public string ApplicationContext { get; init; } = PduCodec.DicomApplicationContext;
    public required IReadOnlyList<PresentationContextRequest> PresentationContexts { get; init; }

    /// <summary>The largest P-DATA-TF variable field the requestor will receive (0: no limit).</summary>
    public uint MaxPduLength { get; init; }

    public string ImplementationClassUid { get; init; } = "";
    public string? ImplementationVersion { get; init; }
    public UserIdentity? UserIdentity { get; init; }
}
