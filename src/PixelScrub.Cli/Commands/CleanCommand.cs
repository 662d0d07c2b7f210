using System.CommandLine;
using PixelScrub.Cleaning;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using Spectre.Console;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub clean PATH... --out DIR`: the main job.</summary>
internal static class CleanCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var inputs = new Argument<string[]>("path") { Description = "Files and folders to clean (folders recursively).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output folder; the tree mirrors the input.", Required = true };
        var quarantine = new Option<string?>("--quarantine") { Description = "Quarantine folder (default: a sibling OUT.quarantine)." };
        var rules = CommonOptions.Rules();
        var flagGroups = CommonOptions.FlagGroups();
        var fill = new Option<string>("--fill") { Description = "black (default), gray (CTP's test mode), or blur (JPEG only: keep block means, as CTP)", DefaultValueFactory = _ => "black" };
        fill.AcceptOnlyFromAmong("black", "gray", "blur");
        var report = new Option<string?>("--report") { Description = "Report file: JSONL, or CSV when it ends in .csv (default: OUT.report.jsonl)." };
        var jobs = CommonOptions.Jobs();
        var burned = new Option<bool>("--set-burned-in-annotation") { Description = "Set Burned In Annotation (0028,0301) to NO on cleaned files." };
        var icons = new Option<string>("--icons") { Description = "remove (default) or regenerate Icon Image Sequences in cleaned files", DefaultValueFactory = _ => "remove" };
        icons.AcceptOnlyFromAmong("remove", "regenerate");
        var overlays = new Option<string>("--overlays") { Description = "remove (default) overlay planes from cleaned files, or clean the same regions in them", DefaultValueFactory = _ => "remove" };
        overlays.AcceptOnlyFromAmong("remove", "clean");
        var noResume = new Option<bool>("--no-resume") { Description = "Process every file even if an earlier run finished it." };
        var previews = new Option<bool>("--previews") { Description = "Write a before/after PNG for every cleaned and quarantined file beside the report." };
        var decompress = new Option<bool>("--decompress") { Description = "Write every compressed file to OUT uncompressed (Explicit VR Little Endian), like CTP's DicomDecompressor." };
        var transcode = new Option<string?>("--transcode") { Description = "Write every file to OUT in this transfer syntax UID (native, RLE, JPEG Lossless, JPEG-LS, JPEG 2000 lossless, JPEG Baseline for 8-bit), like CTP's DicomTranscoder.", HelpName = "TS-UID" };
        var skipBaseline = new Option<bool>("--skip-jpeg-baseline") { Description = "With --decompress or --transcode: leave JPEG Baseline files as they are." };
        var header = new HeaderOptions();
        var layout = new Option<string>("--layout") { Description = "mirror (default: a folder's contents under OUT, several inputs each under its name) or full-path (each file under its whole path: names never collide)", DefaultValueFactory = _ => "mirror" };
        layout.AcceptOnlyFromAmong("mirror", "full-path");
        var followLinks = new Option<bool>("--follow-links") { Description = "Follow symbolic links to folders in the inputs (each folder is walked once)." };

        var text = TextCommandOptions.Mode();
        var textAll = TextCommandOptions.ReadAll();
        var textHold = TextCommandOptions.Hold();
        var textAllow = TextCommandOptions.Allow();
        var textPatterns = TextCommandOptions.Patterns();

        var command = new Command("clean", "Clean burned-in text from DICOM files: pass, clean or quarantine each file, and report.")
        {
            inputs, output, quarantine, rules, flagGroups, fill, report, jobs, burned, icons, overlays, noResume, previews, decompress, transcode, skipBaseline,
            text, textAll, textHold, textAllow, textPatterns,
            layout, followLinks,
        };
        foreach (var o in header.All) command.Options.Add(o);
        var shardOptions = new ShardOptions();
        shardOptions.AddTo(command);
        command.SetAction(parse =>
        {
            if (!CommonOptions.TryLoadRules(parse.GetValue(rules), parse.GetValue(flagGroups), stderr, out var ruleSet)) return ExitCodes.Usage;
            if (!header.TryResolve(parse, stderr, parse.GetValue(header.Header), out var headerAnonymizer)) return ExitCodes.Usage;

            TranscodeOptions? transcodeOptions;
            try
            {
                transcodeOptions = TranscodeChoice(parse.GetValue(decompress), parse.GetValue(transcode), parse.GetValue(skipBaseline));
            }
            catch (ArgumentException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            if (!TextCommandOptions.TryJudge(parse.GetValue(textAllow), parse.GetValue(textPatterns), stderr, out var judge)) return ExitCodes.Usage;
            var textOptions = TextCommandOptions.Resolve(parse.GetValue(text), parse.GetValue(textAll), parse.GetValue(textHold));
            var fillText = parse.GetValue(fill)!;
            var options = new BatchOptions
            {
                Inputs = parse.GetValue(inputs)!,
                OutputDirectory = parse.GetValue(output)!,
                QuarantineDirectory = parse.GetValue(quarantine),
                Rules = ruleSet,
                ReportPath = parse.GetValue(report),
                Jobs = parse.GetValue(jobs),
                Resume = !parse.GetValue(noResume),
                NativeWorker = CodecWorkerCommand.Self(),
                Previews = parse.GetValue(previews),
                Transcode = transcodeOptions,
                Header = headerAnonymizer,
                Text = textOptions,
                TextJudge = judge,
                Layout = parse.GetValue(layout) == "full-path" ? OutputLayout.FullPath : OutputLayout.Mirror,
                FollowLinks = parse.GetValue(followLinks),
                Clean = new CleanOptions
                {
                    Fill = fillText == "gray" ? FillMode.Gray : FillMode.Black,
                    Jpeg = fillText == "blur" ? JpegRedaction.Blur : JpegRedaction.Fill,
                    SetBurnedInAnnotation = parse.GetValue(burned),
                    Icons = parse.GetValue(icons) == "regenerate" ? IconPolicy.Regenerate : IconPolicy.Remove,
                    Overlays = parse.GetValue(overlays) == "clean" ? OverlayPolicy.Clean : OverlayPolicy.Remove,
                },
            };
            try
            {
                options = shardOptions.Apply(parse, options, Environment.GetEnvironmentVariable);
            }
            catch (ArgumentException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            return Run(options, stdout, stderr);
        });
        return command;
    }

    /// <summary>The transcode stage the options ask for (null: none); <see cref="ArgumentException"/> for a bad combination.</summary>
    internal static TranscodeOptions? TranscodeChoice(bool decompress, string? transcodeUid, bool skipJpegBaseline)
    {
        if (decompress && transcodeUid is not null) throw new ArgumentException("--decompress and --transcode cannot be combined (--transcode 1.2.840.10008.1.2.1 converts native files too)");
        if (decompress) return TranscodeOptions.Decompress(skipJpegBaseline);
        if (transcodeUid is not null) return TranscodeOptions.To(transcodeUid, skipJpegBaseline);
        if (skipJpegBaseline) throw new ArgumentException("--skip-jpeg-baseline needs --decompress or --transcode");
        return null;
    }

    /// <summary>Runs a batch with progress and prints the summary; returns the exit code.</summary>
    public static int Run(BatchOptions options, TextWriter stdout, TextWriter stderr)
    {
        BatchSummary summary;
        try
        {
            summary = Progress.Run(stdout, "clean", p => BatchRunner.Run(options, p));
        }
        catch (Exception ex) when (ex is BatchSetupException or ArgumentException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }

        PrintSummary(summary, options.Transcode, options.Header is not null, stdout);
        if (summary.ReportRowsLost > 0)
        {
            stderr.WriteLine($"error: {summary.ReportRowsLost} report row(s) could not be written to {summary.ReportPath} ({summary.ReportError}); the report holds whole rows only");
        }

        return summary.Failed > 0 || summary.ReportRowsLost > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    private static void PrintSummary(BatchSummary s, TranscodeOptions? transcode, bool header, TextWriter stdout)
    {
        var console = Progress.ConsoleFor(stdout);
        var table = new Table().Title("PixelScrub clean").AddColumn("status").AddColumn(new TableColumn("files").RightAligned());
        table.AddRow("cleaned", s.Cleaned.ToString());
        table.AddRow(header ? "passed (header de-identified)" : transcode is null ? "passed (copied unchanged)" : $"passed (copied, or rewritten as {Markup.Escape(transcode.Target.Name)})", s.Passed.ToString());
        table.AddRow("quarantined for review", s.Quarantined.ToString());
        table.AddRow(s.Failed > 0 ? "[red]failed (quarantined)[/]" : "failed (quarantined)", s.Failed.ToString());
        table.AddRow("skipped (done before)", s.Skipped.ToString());
        if (s.Ignored > 0) table.AddRow("not read (not regular files, links not followed)", s.Ignored.ToString());
        table.AddRow("[bold]total[/]", s.Total.ToString());
        console.Write(table);
        console.WriteLine($"{s.Total} files, {s.Bytes / 1e6:0.0} MB in {s.Elapsed.TotalSeconds:0.00} s ({s.FilesPerSecond:0.0} files/s, {s.MegabytesPerSecond:0.0} MB/s)");
        console.WriteLine($"output:     {s.OutputDirectory}");
        console.WriteLine($"quarantine: {s.QuarantineDirectory}");
        console.WriteLine($"report:     {s.ReportPath}");
        if (s.PreviewsDirectory is not null) console.WriteLine($"previews:   {s.PreviewsDirectory}");
    }
}
