namespace PixelScrub.Pipeline;

/// <summary>
/// A batch that must not start: a path that would overwrite or be read as an input, output names that collide, another
/// run holding the output folder, an output folder that cannot be written. Raised before any file is touched; the CLI
/// prints the message on one line and exits 2.
/// </summary>
public sealed class BatchSetupException(string message, Exception? inner = null) : PixelScrubException(message, inner);
