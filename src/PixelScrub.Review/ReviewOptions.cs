using System.Net;
using PixelScrub.Pipeline;
using PixelScrub.Rules;

namespace PixelScrub.Review;

/// <summary>What `pixelscrub review` was told; every path the page reads or writes comes from here, never from a request.</summary>
public sealed record ReviewOptions
{
    /// <summary>The output folder of a `clean` run (OUT).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The quarantine folder of that run (default: the sibling OUT.quarantine, as `clean`).</summary>
    public string? QuarantineDirectory { get; init; }

    /// <summary>The run's report, JSONL (default: OUT.report.jsonl, as `clean`).</summary>
    public string? ReportPath { get; init; }

    /// <summary>The deid recipe the page writes its rules into (default: OUT.review.deid beside OUT).</summary>
    public string? RulesPath { get; init; }

    /// <summary>The rules `clean` ran with (default: the built-in rules); a re-run uses these plus <see cref="ResolvedRules"/>.</summary>
    public RuleSet BaseRules { get; init; } = RuleSet.Defaults;

    public DecisionPolicy Policy { get; init; } = DecisionPolicy.Default;

    /// <summary>The header de-identification `clean` ran with (its --header); a re-run and a release apply it too.</summary>
    public Deidentification.IHeaderAnonymizer? Header { get; init; }

    /// <summary>How a re-run cleans (fill, icons, overlays): `clean`'s options.</summary>
    public Cleaning.CleanOptions Clean { get; init; } = Cleaning.CleanOptions.Default;

    /// <summary>Who decides; written into every audit row.</summary>
    public string Reviewer { get; init; } = Environment.UserName;

    /// <summary>Address to listen on: loopback unless told otherwise.</summary>
    public IPAddress Listen { get; init; } = IPAddress.Loopback;

    /// <summary>Port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>JPEG-LS and JPEG 2000 in worker processes (as `clean`), null: in this process.</summary>
    public NativeWorkerCommand? NativeWorker { get; init; }

    private string OutRoot => Path.GetFullPath(OutputDirectory).TrimEnd(Path.DirectorySeparatorChar);

    public string ResolvedQuarantine => Path.GetFullPath(QuarantineDirectory ?? OutRoot + ".quarantine");

    public string ResolvedReport => Path.GetFullPath(ReportPath ?? OutRoot + ".report.jsonl");

    public string ResolvedRules => Path.GetFullPath(RulesPath ?? OutRoot + ".review.deid");

    /// <summary>Review state and audit log (SQLite), beside the output so a later session continues where this one stopped.</summary>
    public string StatePath => OutRoot + ".review.sqlite";

    /// <summary>
    /// The batch options a re-run of one file uses: `clean`'s defaults with the base rules and the review rules, but no
    /// text reading: a re-run carries a person's decision on a file they looked at (release, or their rectangles), which
    /// OCR does not overrule.
    /// </summary>
    internal BatchOptions BatchFor(RuleSet rules) => new()
    {
        Inputs = [],
        OutputDirectory = OutRoot,
        QuarantineDirectory = ResolvedQuarantine,
        ReportPath = ResolvedReport,
        Rules = rules,
        Policy = Policy,
        Header = Header,
        Clean = Clean,
        NativeWorker = NativeWorker,
        Resume = false,
        Jobs = 1,
        Text = PixelScrub.Text.TextOptions.Off,
    };
}
