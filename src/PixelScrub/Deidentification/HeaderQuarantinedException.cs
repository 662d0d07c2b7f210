namespace PixelScrub.Deidentification;

/// <summary>The header spec sent the file to quarantine (CTP's @quarantine, an unmet @require, a failed @lookup, a value
/// that does not fit its VR); nothing was written.</summary>
public sealed class HeaderQuarantinedException(string reason) : PixelScrubException($"header: {reason}")
{
    public string Reason { get; } = reason;
}
