using System.Text.Json.Serialization;

namespace PixelScrub.Pipeline;

/// <summary>What happened to one input file; the report writes it in lower case ("cleaned"), in JSONL and CSV alike.</summary>
public enum FileStatus
{
    /// <summary>The policy passed it: copied unchanged.</summary>
    [JsonStringEnumMemberName("passed")]
    Passed,

    /// <summary>Pixels cleaned and written.</summary>
    [JsonStringEnumMemberName("cleaned")]
    Cleaned,

    /// <summary>Set aside for review by policy (flagged without coordinates, or a filter rejected it).</summary>
    [JsonStringEnumMemberName("quarantined")]
    Quarantined,

    /// <summary>Could not be read or cleaned: quarantined with the reason. Makes the run exit 1.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Done by an earlier run with the same input content.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>Not read: not a regular file (FIFO, device, socket), or a symbolic link to a folder that is not followed.</summary>
    [JsonStringEnumMemberName("ignored")]
    Ignored,
}

/// <summary>
/// One report row. JSONL and CSV use the same field names, the camel-case names of these properties: input, output,
/// decision, group, label, regions, status, reason, bytes, milliseconds, method, pixelsCleaned, notes.
/// </summary>
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

    /// <summary>The text found in the pixels and its verdicts (`--text verify|redact`); null when the file was not read.</summary>
    public IReadOnlyList<Text.TextFindingRow>? Text { get; init; }
}
