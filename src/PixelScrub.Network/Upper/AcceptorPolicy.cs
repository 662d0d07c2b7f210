namespace PixelScrub.Network.Upper;

/// <summary>
/// What the acceptor (our SCP) agrees to: its AE title, the calling AE titles allowed (empty: any), and for each proposed
/// presentation context the answer (<see cref="Choose"/>: the result and the transfer syntax chosen).
/// </summary>
internal sealed record AcceptorPolicy
{
    public required string AeTitle { get; init; }
    public IReadOnlySet<string> AllowedCallingAes { get; init; } = new HashSet<string>();
    public required Func<PresentationContextRequest, PresentationContextResult> Choose { get; init; }

    /// <summary>Sent as our implementation class UID and version name (PS3.7 D.3.3.2).</summary>
    public string ImplementationClassUid { get; init; } = PixelScrub.Dicom.DicomFile.ImplementationClassUid;
    public string ImplementationVersion { get; init; } = PixelScrub.Dicom.DicomFile.ImplementationVersion;
}
