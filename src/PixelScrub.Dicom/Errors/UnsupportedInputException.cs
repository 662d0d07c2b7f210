namespace PixelScrub;

/// <summary>
/// Input that is valid but that PixelScrub does not handle (a codec it lacks, a layout it cannot clean).
/// The message says what is missing and, where it helps, what to install.
/// </summary>
public sealed class UnsupportedInputException : PixelScrubException
{
    public UnsupportedInputException(string message, Exception? inner = null) : base(message, inner) { }
}
