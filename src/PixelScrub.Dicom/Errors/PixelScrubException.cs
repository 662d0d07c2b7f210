namespace PixelScrub;

/// <summary>
/// Base of every exception PixelScrub throws for an expected failure: malformed input, input that is
/// valid but not supported, or a rule file with a syntax error. Anything else escaping is a bug.
/// </summary>
public abstract class PixelScrubException : Exception
{
    protected PixelScrubException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>The file the failure concerns, when known.</summary>
    public string? FilePath { get; init; }

    /// <summary>The message with the file named in front, as the CLI prints it.</summary>
    public string Describe() => FilePath is null ? Message : $"{FilePath}: {Message}";
}
