using System.CommandLine;
using PixelScrub.Cleaning;
using PixelScrub.Pipeline;

namespace PixelScrub.Cli.Commands;

/// <summary>
/// The options of the cleaning pipeline, one set shared by `clean` and `listen` (the DICOM node takes each object
/// through the same stages as `clean`): rules, quarantine, report, jobs, fill, icons, overlays, previews, transcoding,
/// header de-identification and text in the pixels. Each command adds its own source and sink options.
/// </summary>
internal sealed class PipelineOptions
{
    public Option<string?> Quarantine { get; } = new("--quarantine") { Description = "Quarantine folder (default: a sibling OUT.quarantine; listen --forward: SPOOL/quarantine)." };
    public Option<string[]> Rules { get; } = CommonOptions.Rules();
    public Option<string[]> FlagGroups { get; } = CommonOptions.FlagGroups();
    public Option<string> Fill { get; } = FillOption();
    public Option<string?> Report { get; } = new("--report") { Description = "Report file: JSONL, or CSV when it ends in .csv (default: OUT.report.jsonl; listen --forward: SPOOL/report.jsonl)." };
    public Option<int> Jobs { get; } = CommonOptions.Jobs();
    public Option<bool> BurnedIn { get; } = new("--set-burned-in-annotation") { Description = "Set Burned In Annotation (0028,0301) to NO on cleaned files." };
    public Option<string> Icons { get; } = Choice("--icons", "remove (default) or regenerate Icon Image Sequences in cleaned files", "remove", "regenerate");
    public Option<string> Overlays { get; } = Choice("--overlays", "remove (default) overlay planes from cleaned files, or clean the same regions in them", "remove", "clean");
    public Option<bool> Previews { get; } = new("--previews") { Description = "Write a before/after PNG for every cleaned and quarantined file beside the report." };
    public Option<bool> Decompress { get; } = new("--decompress") { Description = "Write every compressed file uncompressed (Explicit VR Little Endian), like CTP's DicomDecompressor." };
    public Option<string?> Transcode { get; } = new("--transcode")
    {
        Description = "Write every file in this transfer syntax UID (native, RLE, JPEG Lossless, JPEG-LS, JPEG 2000 lossless, JPEG Baseline for 8-bit), like CTP's DicomTranscoder.",
        HelpName = "TS-UID",
    };

    public Option<bool> SkipBaseline { get; } = new("--skip-jpeg-baseline") { Description = "With --decompress or --transcode: leave JPEG Baseline files as they are." };
    public Option<string?> Text { get; } = TextCommandOptions.Mode();
    public Option<bool> TextAll { get; } = TextCommandOptions.ReadAll();
    public Option<string[]> TextHold { get; } = TextCommandOptions.Hold();
    public Option<string?> TextAllow { get; } = TextCommandOptions.Allow();
    public Option<string?> TextPatterns { get; } = TextCommandOptions.Patterns();

    /// <summary>`--header SPEC` (with --param and --lookup-table); also used alone by `header show`.</summary>
    public HeaderOptions Header { get; } = new();

    public IEnumerable<Option> All =>
    [
        Quarantine, Rules, FlagGroups, Fill, Report, Jobs, BurnedIn, Icons, Overlays, Previews, Decompress, Transcode, SkipBaseline,
        Text, TextAll, TextHold, TextAllow, TextPatterns, .. Header.All,
    ];

    public void AddTo(Command command)
    {
        foreach (var o in All) command.Options.Add(o);
    }

    /// <summary>
    /// The batch options these options describe, for <paramref name="inputs"/> into <paramref name="outputDirectory"/>;
    /// a bad rule file, header spec, text list or option combination is printed and gives false (exit 2).
    /// </summary>
    public bool TryResolve(ParseResult parse, TextWriter stderr, IReadOnlyList<string> inputs, string outputDirectory, string? defaultQuarantine,
        string? defaultReport, out BatchOptions options)
    {
        options = null!;
        if (!CommonOptions.TryLoadRules(parse.GetValue(Rules), parse.GetValue(FlagGroups), stderr, out var ruleSet)) return false;
        if (!Header.TryResolve(parse, stderr, parse.GetValue(Header.Header), out var headerAnonymizer)) return false;
        TranscodeOptions? transcode;
        try
        {
            transcode = CleanCommand.TranscodeChoice(parse.GetValue(Decompress), parse.GetValue(Transcode), parse.GetValue(SkipBaseline));
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return false;
        }

        if (!TextCommandOptions.TryJudge(parse.GetValue(TextAllow), parse.GetValue(TextPatterns), stderr, out var judge)) return false;
        var fill = parse.GetValue(Fill)!;
        options = new BatchOptions
        {
            Inputs = inputs,
            OutputDirectory = outputDirectory,
            QuarantineDirectory = parse.GetValue(Quarantine) ?? defaultQuarantine,
            Rules = ruleSet,
            ReportPath = parse.GetValue(Report) ?? defaultReport,
            Jobs = parse.GetValue(Jobs),
            NativeWorker = CodecWorkerCommand.Self(),
            Previews = parse.GetValue(Previews),
            Transcode = transcode,
            Header = headerAnonymizer,
            Text = TextCommandOptions.Resolve(parse.GetValue(Text), parse.GetValue(TextAll), parse.GetValue(TextHold)),
            TextJudge = judge,
            Clean = WithFill(CleanOptions.Default, fill) with
            {
                SetBurnedInAnnotation = parse.GetValue(BurnedIn),
                Icons = parse.GetValue(Icons) == "regenerate" ? IconPolicy.Regenerate : IconPolicy.Remove,
                Overlays = parse.GetValue(Overlays) == "clean" ? OverlayPolicy.Clean : OverlayPolicy.Remove,
            },
        };
        return true;
    }

    /// <summary>`--fill`: black (default), gray or blur; <paramref name="description"/> says what it fills for the command.</summary>
    public static Option<string> FillOption(string description = "black (default), gray (CTP's test mode), or blur (JPEG only: keep block means, as CTP)") =>
        Choice("--fill", description, "black", "gray", "blur");

    /// <summary><paramref name="options"/> with the fill a `--fill` value names (blur: JPEG block means; elsewhere black).</summary>
    public static CleanOptions WithFill(CleanOptions options, string fill) => options with
    {
        Fill = fill == "gray" ? FillMode.Gray : FillMode.Black,
        Jpeg = fill == "blur" ? JpegRedaction.Blur : JpegRedaction.Fill,
    };

    private static Option<string> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => values[0] };
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
