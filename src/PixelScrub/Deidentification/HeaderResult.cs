namespace PixelScrub.Deidentification;

/// <summary>What a header pass did: done (with counts and notes) or quarantine with a reason naming the element.</summary>
public sealed record HeaderResult
{
    public required HeaderOutcome Outcome { get; init; }

    /// <summary>Why the file is quarantined ("(0010,0020) PatientID: @lookup found no entry for ptid ..."); null when done.</summary>
    public string? Reason { get; init; }

    /// <summary>Elements removed, emptied, replaced, added.</summary>
    public int Removed { get; init; }
    public int Emptied { get; init; }
    public int Replaced { get; init; }
    public int Added { get; init; }

    /// <summary>Notes for the report row.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool IsDone => Outcome == HeaderOutcome.Done;

    public static HeaderResult Quarantine(string reason) => new() { Outcome = HeaderOutcome.Quarantine, Reason = reason };

    /// <summary>A one-line summary for the report's method column.</summary>
    public string Summary(string name) => $"header: {name} ({Removed} removed, {Emptied} emptied, {Replaced} replaced, {Added} added)";
}
