using System.CommandLine;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Shards;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub report merge OUT`: one report and summary from the shards' reports, and what is still missing.</summary>
internal static class ReportCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var output = new Argument<string>("out") { Description = "The output folder the shards wrote (their --out)." };
        var report = new Option<string?>("--report") { Description = "The --report the shards were given (default: OUT.report.jsonl); the merged report is written there." };
        var shards = new Option<int?>("--shards") { Description = "N (default: found from the shard files beside the report); shards with no file are missing.", HelpName = "N" };
        var filesFrom = new Option<string?>("--files-from") { Description = "The manifest the shards read (default: the one their state files name).", HelpName = "MANIFEST" };
        var root = new Option<string?>("--root") { Description = "The root of the manifest's paths (default: the one the shards used).", HelpName = "DIR" };
        var merge = new Command("merge", "Merge OUT.report.shard-K-of-N.jsonl into OUT.report.jsonl and OUT.report.summary.json; name missing and incomplete shards and files without a row (exit 1).")
        {
            output, report, shards, filesFrom, root,
        };
        merge.SetAction(parse =>
        {
            MergeResult r;
            try
            {
                if (parse.GetValue(filesFrom) is { } m && !File.Exists(m)) throw new BatchSetupException($"the manifest {Path.GetFullPath(m)} does not exist");
                r = ReportMerge.Run(parse.GetValue(output)!, parse.GetValue(report), parse.GetValue(shards), parse.GetValue(filesFrom), parse.GetValue(root));
            }
            catch (Exception ex) when (ex is BatchSetupException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            stdout.WriteLine($"{r.Rows} rows from {r.Shards} shard(s): {string.Join(", ", r.ByStatus.Select(kv => $"{kv.Value} {kv.Key}"))}");
            foreach (var k in r.Missing) stdout.WriteLine($"missing: shard {k} of {r.Shards} (no report, never started): run it");
            foreach (var line in r.Incomplete) stdout.WriteLine($"incomplete: {line}");
            if (r.WithoutRow > 0)
            {
                stdout.WriteLine($"{r.WithoutRow} file(s) of the manifest have no row yet{(r.WithoutRow > r.WithoutRowListed.Count ? $" (first {r.WithoutRowListed.Count})" : "")}:");
                foreach (var f in r.WithoutRowListed) stdout.WriteLine($"  no row: {f}");
            }

            foreach (var p in r.Problems) stdout.WriteLine($"problem: {p}");
            foreach (var n in r.Notes) stdout.WriteLine($"note: {n}");
            stdout.WriteLine($"report:  {r.MergedReport}");
            stdout.WriteLine($"summary: {r.SummaryPath}");
            stdout.WriteLine(r.Complete ? "complete: every shard finished, every file has exactly one row" : "INCOMPLETE: rerun the shards named above, then merge again");
            return !r.Complete || r.Failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
        });
        var command = new Command("report", "Work with reports.") { merge };
        return command;
    }
}
