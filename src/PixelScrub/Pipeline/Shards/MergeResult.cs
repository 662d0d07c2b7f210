namespace PixelScrub.Pipeline.Shards;

/// <summary>
/// What `report merge` found: the merged report and summary it wrote, the shards missing (never started) or incomplete
/// (running, killed, rows lost), the manifest files with no row yet (first <see cref="ReportMerge.ListedAtMost"/>, with
/// their shard), and problems (an input with several rows, two inputs written to one output path, a row in the wrong
/// shard). <see cref="Complete"/> only when there is none of these.
/// </summary>
public sealed record MergeResult
{
    public required int Shards { get; init; }
    public required string MergedReport { get; init; }
    public required string SummaryPath { get; init; }
    public required int Rows { get; init; }
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
    public required IReadOnlyList<int> Missing { get; init; }
    public required IReadOnlyList<string> Incomplete { get; init; }
    public required int WithoutRow { get; init; }
    public required IReadOnlyList<string> WithoutRowListed { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
    public string? Manifest { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool Complete => Missing.Count == 0 && Incomplete.Count == 0 && WithoutRow == 0 && Problems.Count == 0;

    /// <summary>Files that failed (status failed): the run's exit code is 1 for these too, as `clean`'s is.</summary>
    public int Failed => ByStatus.TryGetValue("failed", out var n) ? n : 0;
}
