using System.Text.Json;

namespace PixelScrub.Pipeline;

/// <summary>
/// The one way a JSONL report (a <see cref="FileOutcome"/> per line) is read back, by `report merge` and by the review
/// page: line by line, never more than <see cref="MaxRowChars"/> characters of a line in memory, so a hostile or broken
/// report (a line of gigabytes, a file with no line end) is refused by a <see cref="ReportRowException"/> naming the file
/// and line instead of exhausting memory.
/// </summary>
internal static class ReportRows
{
    /// <summary>The longest report row read (a row PixelScrub writes is a few KiB); a longer line is refused.</summary>
    public const int MaxRowChars = 1 << 20;

    /// <summary>
    /// Every line of <paramref name="path"/> that is not blank, in order, each with the row it holds (none when it
    /// holds none: a line cut short, or not a row). A line longer than <see cref="MaxRowChars"/> throws
    /// <see cref="ReportRowException"/> when reached; the rows before it have been returned.
    /// </summary>
    public static IEnumerable<ReportRow> Read(string path)
    {
        using var lines = BoundedLineReader.Open(path, MaxRowChars, line => new ReportRowException(path, line,
            $"a line longer than {BoundedLineReader.Size(MaxRowChars)}; report rows above {BoundedLineReader.Size(MaxRowChars)} are refused"));
        while (lines.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            FileOutcome? row = null;
            string? problem = null;
            try
            {
                row = JsonSerializer.Deserialize(line, PipelineJson.Default.FileOutcome);
            }
            catch (JsonException ex)
            {
                problem = ex.Message;
            }

            yield return new ReportRow(path, lines.Line, line, row, problem ?? (row is null ? "null" : null));
        }
    }
}
