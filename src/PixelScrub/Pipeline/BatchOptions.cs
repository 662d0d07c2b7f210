using PixelScrub.Cleaning;
using PixelScrub.Rules;

namespace PixelScrub.Pipeline;

/// <summary>Everything a batch run needs; passed explicitly (no global state).</summary>
public sealed record BatchOptions
{
    public required IReadOnlyList<string> Inputs { get; init; }
    public required string OutputDirectory { get; init; }

    /// <summary>Where files to review and files that failed go; default: a sibling "OUT.quarantine", never inside OUT.</summary>
    public string? QuarantineDirectory { get; init; }

    public required RuleSet Rules { get; init; }
    public DecisionPolicy Policy { get; init; } = DecisionPolicy.Default;
    public CleanOptions Clean { get; init; } = CleanOptions.Default;

    /// <summary>
    /// Write files to OUT in another transfer syntax (CTP's DicomDecompressor / DicomTranscoder stages); null keeps each
    /// file's own. Passed files that need it are rewritten rather than copied; a file that cannot be is quarantined.
    /// </summary>
    public TranscodeOptions? Transcode { get; init; }

    /// <summary>
    /// De-identify the header after pixel cleaning (a CTP script, a deid %header recipe, a built-in profile; see
    /// <see cref="Deidentification.HeaderSpecs"/>); null leaves the header as it is. Passed files are then rewritten.
    /// </summary>
    public Deidentification.IHeaderAnonymizer? Header { get; init; }

    /// <summary>Text in the pixels: off, verify every output, or redact PHI text then verify (with triage and hold settings).</summary>
    public Text.TextOptions Text { get; init; } = PixelScrub.Text.TextOptions.Default;

    /// <summary>The judge of recognised text (null: the built-in one).</summary>
    public Text.ITextJudge? TextJudge { get; init; }

    /// <summary>Report file: JSONL by default, CSV when the name ends in .csv. Default: a sibling "OUT.report.jsonl".</summary>
    public string? ReportPath { get; init; }

    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs JPEG-LS and JPEG 2000 libraries in worker processes started with this command (null: in this process).</summary>
    public NativeWorkerCommand? NativeWorker { get; init; }

    /// <summary>Write a before/after comparison PNG for every cleaned and quarantined file into <see cref="ResolvedPreviews"/>.</summary>
    public bool Previews { get; init; }

    /// <summary>Where previews go: a folder beside the report named after it ("OUT.report.previews").</summary>
    public string ResolvedPreviews => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ResolvedReport))!,
        Path.GetFileNameWithoutExtension(ResolvedReport) + ".previews");

    /// <summary>Skip files a previous run already finished with the same input content (the ledger in OUT).</summary>
    public bool Resume { get; init; } = true;

    /// <summary>Where each input's output goes under OUT: mirrored (default), or under its whole path when names repeat.</summary>
    public OutputLayout Layout { get; init; } = OutputLayout.Mirror;

    /// <summary>Follow symbolic links to folders while walking inputs (each folder is still entered once).</summary>
    public bool FollowLinks { get; init; }

    /// <summary>
    /// Process only the files of this shard (<see cref="Shards.ShardPartition"/>), with the shard's own report, ledger,
    /// lock, staging folder and state file, so shards share one output tree.
    /// </summary>
    public Shards.ShardSpec? Shard { get; init; }

    /// <summary>Read the files from this manifest (`pixelscrub list`) instead of walking <see cref="Inputs"/>.</summary>
    public string? FilesFrom { get; init; }

    /// <summary>The folder the manifest's paths are relative to; default: the root the manifest names.</summary>
    public string? FilesRoot { get; init; }

    /// <summary>The shard's state file beside its report ("OUT.report.shard-K-of-N.state.json"); null without a shard.</summary>
    public string? ShardStatePath => Shard is null ? null : Path.ChangeExtension(ResolvedReport, ".state.json");

    /// <summary>Whether the output file systems ignore case (tests set it); null: probed when two names differ only in case.</summary>
    internal bool? IgnoreCase { get; init; }

    public string ResolvedQuarantine => QuarantineDirectory ?? Path.GetFullPath(OutputDirectory).TrimEnd(Path.DirectorySeparatorChar) + ".quarantine";

    /// <summary>Staging folder for temp files (a sibling of OUT on the same file system, removed when the run ends).</summary>
    public string StagingDirectory => Path.GetFullPath(OutputDirectory).TrimEnd(Path.DirectorySeparatorChar) + ".pixelscrub-tmp" + (Shard is { } s ? "." + s.Tag : "");

    public string ResolvedReport => Shard is { } s ? s.Name(UnshardedReport) : UnshardedReport;

    /// <summary>The report named by --report (or the default) before a shard's tag is put in; `report merge` writes it.</summary>
    public string UnshardedReport => ReportPath ?? Path.GetFullPath(OutputDirectory).TrimEnd(Path.DirectorySeparatorChar) + ".report.jsonl";
}
