namespace PixelScrub.Pipeline.Shards;

/// <summary>
/// OUT.report.shard-K-of-N.state.json: written (atomically) when a shard starts ("running") and again when it ends
/// ("complete", with its counts), so `report merge` can tell a shard never started, one still running or killed, and
/// one that finished. Files counts this shard's entries, ignored ones included: its report must have as many rows.
/// </summary>
public sealed record ShardState
{
    public required int Shard { get; init; }
    public required int Shards { get; init; }
    public required string Status { get; init; }
    public int Files { get; init; }
    public string? Manifest { get; init; }
    public string? Root { get; init; }
    public string? Host { get; init; }
    public int Pid { get; init; }
    public DateTime Started { get; init; }
    public DateTime? Finished { get; init; }
    public int Passed { get; init; }
    public int Cleaned { get; init; }
    public int Quarantined { get; init; }
    public int Failed { get; init; }
    public int Skipped { get; init; }
    public int Ignored { get; init; }
    public int ReportRowsLost { get; init; }

    public const string Running = "running";
    public const string Complete = "complete";
}
