using PixelScrub.Pipeline;
using PixelScrub.Rules.Learning;

namespace PixelScrub.Review;

/// <summary>
/// One file of the report as the page knows it: its id (a hash of its input path, so ids stay the same across sessions),
/// its report row, the quarantine sidecar when there is one, and what its header says about the device.
/// </summary>
internal sealed record ReviewFile(string Id, FileOutcome Row, string? RelativePath, string? QuarantineCopy, QuarantineSidecar? Sidecar,
    DeviceSignature? Signature, IReadOnlyList<HeaderField> Header, int Frames, int Columns, int Rows, bool Grey)
{
    public string Name => RelativePath ?? Path.GetFileName(Row.Input);

    public string Status => Row.Status.ToString().ToLowerInvariant();

    /// <summary>The signature as one line ("" when the header could not be read).</summary>
    public string SignatureText => Signature?.Label().Replace("learned: ", "", StringComparison.Ordinal) ?? "";

    /// <summary>The file to read for the original image and a re-run: the quarantined copy (what was judged), else the input.</summary>
    public string? Source => QuarantineCopy is { } q && File.Exists(q) ? q : File.Exists(Row.Input) ? Row.Input : null;

    /// <summary>A person may decide it: set aside by policy or failed, with a copy to read and a place under OUT.</summary>
    public bool Decidable => Row.Status is FileStatus.Quarantined or FileStatus.Failed && RelativePath is not null && Source is not null;

    /// <summary>The file in OUT when the row says one was written there.</summary>
    public string? Written => Row.Status is FileStatus.Cleaned or FileStatus.Passed && Row.Output is { } o && File.Exists(o) ? o : null;

    /// <summary>Names of the rules that matched (the sidecar lists all; the report row names the first).</summary>
    public IReadOnlyList<string> RuleLabels =>
        Sidecar is { Matches.Count: > 0 } s ? s.Matches.Select(m => m.Label).ToArray() : Row.Label is { } l ? [l] : [];
}
