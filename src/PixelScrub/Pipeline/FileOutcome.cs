namespace PixelScrub.Pipeline;

/// <summary>What happened to one input file.</summary>
public enum FileStatus
{
    /// <summary>The policy passed it: copied unchanged.</summary>
    Passed,

    /// <summary>Pixels cleaned and written.</summary>
    Cleaned,

    /// <summary>Set aside for review by policy (flagged without coordinates, or a filter rejected it).</summary>
    Quarantined,

    /// <summary>Could not be read or cleaned: quarantined with the reason. Makes the run exit 1.</summary>
    Failed,

    /// <summary>Done by an earlier run with the same input content.</summary>
    Skipped,
}

/// <summary>One report row (JSONL or CSV): input, destination, decision, rule, regions, status, reason, size, time.</summary>
public sealed record FileOutcome
{
    public required string Input { get; init; }
    public string? Output { get; init; }
    public string Decision { get; init; } = "";
    public string? Group { get; init; }
    public string? Label { get; init; }

    /// <summary>Clean regions as "xmin,ymin,xmax,ymax" (or "all"), ';'-separated, keep regions prefixed with "keep:".</summary>
    public string? Regions { get; init; }

    public required FileStatus Status { get; init; }
    public string? Reason { get; init; }
    public long Bytes { get; init; }
    public double Milliseconds { get; init; }
    public string? Method { get; init; }
    public long PixelsCleaned { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}
