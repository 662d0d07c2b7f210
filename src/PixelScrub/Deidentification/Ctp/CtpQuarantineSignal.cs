namespace PixelScrub.Deidentification.Ctp;

/// <summary>A script function sent the file to quarantine (@quarantine, @skip, a failed @lookup); caught by the anonymizer.</summary>
internal sealed class CtpQuarantineSignal(string reason) : Exception(reason);
