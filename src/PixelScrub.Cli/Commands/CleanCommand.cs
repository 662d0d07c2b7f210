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
        var noResume = new Option<bool>("--no-resume") { Description = "Process every file even if an earlier run finished it." };
        var pipeline = new PipelineOptions();
        var layout = new Option<string>("--layout") { Description = "mirror (default: a folder's contents under OUT, several inputs each under its name) or full-path (each file under its whole path: names never collide)", DefaultValueFactory = _ => "mirror" };
        layout.AcceptOnlyFromAmong("mirror", "full-path");
        var followLinks = new Option<bool>("--follow-links") { Description = "Follow symbolic links to folders in the inputs (each folder is walked once)." };

        var command = new Command("clean", "Clean burned-in text from DICOM files: pass, clean or quarantine each file (outputs likely to carry text are read by OCR first; --text off: rules only), and report.")
        {
            inputs, output, noResume, layout, followLinks,
        };
        pipeline.AddTo(command);
        var shardOptions = new ShardOptions();
        shardOptions.AddTo(command);
        command.SetAction(parse =>
        {
            if (!pipeline.TryResolve(parse, stderr, parse.GetValue(inputs)!, parse.GetValue(output)!, null, null, out var options)) return ExitCodes.Usage;
            options = options with
            {
                Resume = !parse.GetValue(noResume),
                Layout = parse.GetValue(layout) == "full-path" ? OutputLayout.FullPath : OutputLayout.Mirror,
                FollowLinks = parse.GetValue(followLinks),
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
