using System.Globalization;
using System.Text.Json;

namespace PixelScrub.Pipeline;

/// <summary>
/// Writes one report row per file as it finishes: JSONL, or CSV when the path ends in .csv. Always whole lines
/// (<see cref="LineFile"/>): a full disk costs rows, counted in <see cref="Lost"/>, never a cut line or the run.
/// </summary>
internal sealed class ReportWriter : IDisposable
{
    private static readonly string[] CsvColumns =
        ["input", "output", "decision", "group", "label", "regions", "status", "reason", "bytes", "milliseconds", "method", "pixelsCleaned", "notes"];

    private readonly LineFile _file;
    private readonly bool _csv;

    /// <param name="append">Add to an existing report (the DICOM node across restarts) rather than start it afresh.</param>
    public ReportWriter(string path, bool append = false)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        _csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        bool fresh = !append || !File.Exists(path) || new FileInfo(path).Length == 0;
        _file = new LineFile(path, append);
        if (_csv && fresh && _file.Append(string.Join(',', CsvColumns)) is { } error) throw new IOException($"cannot write the report {path}: {error}");
        ReportPath = path;
    }

    public string ReportPath { get; }

    public void Write(FileOutcome row)
    {
        string line = _csv ? ToCsv(row) : JsonSerializer.Serialize(row, PipelineJson.Default.FileOutcome);
        _file.Append(line);
    }

    /// <summary>Rows that could not be written (disk full, I/O error).</summary>
    public int Lost => _file.Lost;

    /// <summary>Why the first lost row was lost.</summary>
    public string? FirstError => _file.FirstError;

    private static string ToCsv(FileOutcome r)
    {
        var ci = CultureInfo.InvariantCulture;
        string[] cells =
        [
            r.Input, r.Output ?? "", r.Decision, r.Group ?? "", r.Label ?? "", r.Regions ?? "", r.Status.ToString().ToLowerInvariant(),
            r.Reason ?? "", r.Bytes.ToString(ci), r.Milliseconds.ToString("0.###", ci), r.Method ?? "", r.PixelsCleaned.ToString(ci),
            string.Join(" | ", r.Notes),
        ];
        return string.Join(',', cells.Select(Quote));
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public void Dispose() => _file.Dispose();
}
