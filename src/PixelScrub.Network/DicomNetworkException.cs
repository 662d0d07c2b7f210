namespace PixelScrub.Network;

/// <summary>
/// A DICOM network failure PixelScrub expects and reports in one line: a malformed or oversized PDU, an association the
/// peer rejected or aborted, a timeout, a refused connection. Anything else escaping the network code is a bug.
/// </summary>
public sealed class DicomNetworkException : PixelScrubException
{
    public DicomNetworkException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>For a malformed PDU: the A-ABORT reason to send (PS3.8 9.3.8: 1 unrecognized PDU, 2 unexpected PDU,
    /// 4 unrecognized parameter, 5 unexpected parameter, 6 invalid parameter value); null otherwise.</summary>
    public byte? AbortReason { get; init; }
}
