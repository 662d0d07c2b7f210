namespace PixelScrub.Pipeline;

/// <summary>A report line that is too long or holds no row; the message begins "FILE:LINE: ".</summary>
public sealed class ReportRowException(string path, int line, string what) : PixelScrubException($"{path}:{line}: {what}");
