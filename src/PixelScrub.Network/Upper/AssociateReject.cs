namespace PixelScrub.Network.Upper;

/// <summary>
/// An A-ASSOCIATE-RJ (PS3.8 9.3.4). Result 1 permanent, 2 transient. Source 1 service user (reasons 1 no reason,
/// 2 application context not supported, 3 calling AE not recognized, 7 called AE not recognized), 2 service provider
/// ACSE (1 no reason, 2 protocol version not supported), 3 service provider presentation (1 temporary congestion,
/// 2 local limit exceeded).
/// </summary>
internal sealed record AssociateReject(byte Result, byte Source, byte Reason)
{
    public static AssociateReject CallingAeNotRecognized => new(1, 1, 3);
    public static AssociateReject CalledAeNotRecognized => new(1, 1, 7);
    public static AssociateReject ApplicationContextNotSupported => new(1, 1, 2);
    public static AssociateReject ProtocolVersionNotSupported => new(1, 2, 2);
    public static AssociateReject LocalLimitExceeded => new(2, 3, 2);

    public string Describe()
    {
        var what = (Source, Reason) switch
        {
            (1, 2) => "application context name not supported",
            (1, 3) => "calling AE title not recognized",
            (1, 7) => "called AE title not recognized",
            (2, 2) => "protocol version not supported",
            (3, 1) => "temporary congestion",
            (3, 2) => "local limit exceeded",
            _ => $"source {Source}, reason {Reason}",
        };
        return $"association rejected ({(Result == 1 ? "permanent" : "transient")}): {what}";
    }
}
