namespace PixelScrub.Pipeline;

/// <summary>One line of a report: its number (1 for the first), its text as written, and the row it holds, if any.</summary>
internal sealed record ReportRow(string Path, int Line, string Text, FileOutcome? Outcome, string? Problem)
{
    /// <summary>The row; a line that holds none is a <see cref="ReportRowException"/> "FILE:LINE: not a report row: why".</summary>
    public FileOutcome Required => Outcome ?? throw new ReportRowException(Path, Line, $"not a report row: {Problem}");
}
