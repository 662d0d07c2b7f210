using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline.Sources;

namespace PixelScrub.Pipeline.Shards;

/// <summary>
/// `pixelscrub report merge OUT`: joins the shard reports (OUT.report.shard-K-of-N.jsonl) into one report
/// (OUT.report.jsonl, the shards' rows in shard order, each line as the shard wrote it) and a summary
/// (OUT.report.summary.json), and checks the whole: every shard present and complete (its state file says so and its
/// report has a row per file), every file of the manifest with exactly one row, in the shard the partition gives it, and
/// no two inputs written to the same output path. Memory holds one entry per file (its input and output paths), not
/// the rows.
/// </summary>
public static partial class ReportMerge
{
    /// <summary>How many files without a row are named (all are counted).</summary>
    public const int ListedAtMost = 100;

    [GeneratedRegex(@"^(?<stem>.*)\.shard-(?<k>\d+)-of-(?<n>\d+)(?<rest>\.state\.json|\.jsonl)$")]
    private static partial Regex ShardFile();

    /// <param name="outputDirectory">OUT, as given to the shards' `clean`.</param>
    /// <param name="reportPath">--report as given to the shards (default OUT.report.jsonl).</param>
    /// <param name="shards">N; default: the one N whose shard files lie beside the report.</param>
    /// <param name="manifest">The manifest the shards read; default: the one their state files name.</param>
    /// <param name="root">The root of the manifest's paths; default: the one the shards used.</param>
    public static MergeResult Run(string outputDirectory, string? reportPath = null, int? shards = null, string? manifest = null, string? root = null)
    {
        var options = new BatchOptions { Inputs = [], OutputDirectory = outputDirectory, ReportPath = reportPath, Rules = Rules.RuleSet.Defaults };
        var merged = Path.GetFullPath(options.UnshardedReport);
        if (merged.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) throw new BatchSetupException($"report merge reads JSONL shard reports; {merged} names a CSV report");
        var dir = Path.GetDirectoryName(merged)!;
        var stem = Path.GetFileNameWithoutExtension(merged);
        int n = shards ?? FindShardCount(dir, stem, merged);
        if (n < 1) throw new BatchSetupException($"--shards must be at least 1 (got {n})");

        var missing = new List<int>();
        var incomplete = new List<string>();
        var problems = new List<string>();
        var notes = new List<string>();
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var rowsOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var inputOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var states = new List<ShardState>();
        int rows = 0;
        var summaryPath = Path.Combine(dir, stem + ".summary.json");

        AtomicFile.Write(merged, output =>
        {
            for (int k = 0; k < n; k++)
            {
                var spec = new ShardSpec(k, n);
                var report = spec.Name(merged);
                var statePath = Path.ChangeExtension(report, ".state.json");
                var state = ReadState(statePath, out var stateError);
                if (state is not null) states.Add(state);
                if (!File.Exists(report) && state is null && stateError is null)
                {
                    missing.Add(k);
                    continue;
                }

                int shardRows = 0, badLines = 0;
                string? refused = null;
                if (File.Exists(report))
                {
                    try
                    {
                        foreach (var line in ReportRows.Read(report))
                        {
                            if (line.Outcome is not { } row)
                            {
                                badLines++; // a line cut short: counted below
                                continue;
                            }

                            output.Write(Encoding.UTF8.GetBytes(line.Text + "\n"));
                            shardRows++;
                            if (++rows > Manifest.MaxFiles)
                            {
                                throw new BatchSetupException(
                                    $"{report}:{line.Line}: the shard reports hold more than {Manifest.MaxFiles.ToString("N0", CultureInfo.InvariantCulture)} rows; merges of more are refused");
                            }

                            var status = JsonNamingPolicy.CamelCase.ConvertName(row.Status.ToString());
                            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                            if (!rowsOf.TryGetValue(row.Input, out var where)) rowsOf[row.Input] = where = [];
                            where.Add(k);
                            if (row.Output is { } o)
                            {
                                if (!inputOf.TryAdd(o, row.Input) && inputOf[o] != row.Input)
                                {
                                    problems.Add($"two inputs were written to the same output {o}: {inputOf[o]} and {row.Input}");
                                }
                            }
                        }
                    }
                    catch (ReportRowException ex)
                    {
                        refused = ex.Message; // a line too long: the rows before it are merged, the shard is incomplete
                    }
                }

                var label = $"shard {k} ({report})";
                if (refused is not null) incomplete.Add($"{label}: its report cannot be read ({refused}): run it again");
                else if (stateError is not null) incomplete.Add($"{label}: its state file cannot be read ({stateError})");
                else if (state is null) incomplete.Add($"{label}: no state file {statePath} (the shard did not start properly): run it again");
                else if (state.Shard != k || state.Shards != n) problems.Add($"{label}: its state file says shard {state.Shard} of {state.Shards}");
                else if (state.Status != ShardState.Complete)
                {
                    incomplete.Add($"{label}: started {state.Started:yyyy-MM-dd HH:mm:ss} UTC on {state.Host} (pid {state.Pid}) and not finished (still running, or killed): {shardRows} of {state.Files} rows; run it again");
                }
                else if (shardRows != state.Files)
                {
                    incomplete.Add($"{label}: finished, but its report has {shardRows} of {state.Files} rows ({state.ReportRowsLost} lost when written{(badLines > 0 ? $", {badLines} unreadable" : "")}): run it again");
                }
                else if (badLines > 0) incomplete.Add($"{label}: {badLines} unreadable line(s) in its report: run it again");
            }
        });

        foreach (var (input, where) in rowsOf)
        {
            if (where.Count > 1) problems.Add($"{input} has {where.Count} rows (shards {string.Join(", ", where)}): it was processed more than once");
        }

        // The manifest: every file must have a row, in its own shard.
        var manifests = states.Select(s => s.Manifest).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var roots = states.Select(s => s.Root).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (manifest is null && manifests.Count > 1) problems.Add($"the shards read different manifests: {string.Join(", ", manifests)}");
        var manifestPath = manifest ?? (manifests.Count == 1 ? manifests[0] : null);
        int withoutRow = 0;
        var withoutRowListed = new List<string>();
        if (manifestPath is not null && manifest is null && !File.Exists(manifestPath))
        {
            notes.Add($"the manifest {manifestPath} cannot be read here: files without a row were not looked for (give --files-from)");
            manifestPath = null;
        }

        if (manifestPath is not null)
        {
            var (headerRoot, _) = Manifest.ReadHeader(manifestPath);
            var top = Path.GetFullPath(root ?? (roots.Count == 1 ? roots[0] : headerRoot));
            var prefix = top == "/" ? "/" : top.TrimEnd('/') + "/";
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in Manifest.ReadEntries(manifestPath))
            {
                InputWalk.TryDecode(entry.Relative, out var relative);
                var input = prefix + relative;
                listed.Add(input);
                int expected = ShardPartition.ShardOf(relative, n);
                if (!rowsOf.TryGetValue(input, out var where))
                {
                    withoutRow++;
                    if (withoutRowListed.Count < ListedAtMost) withoutRowListed.Add($"{input} (shard {expected})");
                }
                else if (where.Any(k => k != expected))
                {
                    problems.Add($"{input} has a row in shard {where[0]} but belongs to shard {expected} of {n}");
                }
            }

            foreach (var input in rowsOf.Keys.Where(i => !listed.Contains(i)).Take(ListedAtMost))
            {
                problems.Add($"{input} has a row but is not in the manifest {manifestPath}");
            }
        }
        else if (manifests.Count == 0)
        {
            notes.Add("the shards walked their inputs (no manifest): files without a row can only be found by each shard's row count");
        }

        var result = new MergeResult
        {
            Shards = n, MergedReport = merged, SummaryPath = summaryPath, Rows = rows, ByStatus = byStatus, Missing = missing, Incomplete = incomplete,
            WithoutRow = withoutRow, WithoutRowListed = withoutRowListed, Problems = problems, Manifest = manifestPath, Notes = notes,
        };
        AtomicFile.Write(summaryPath, s => JsonSerializer.Serialize(s, new MergeSummary(result), PipelineJson.Default.MergeSummary));
        return result;
    }

    private static int FindShardCount(string dir, string stem, string merged)
    {
        var counts = new SortedSet<int>();
        if (Directory.Exists(dir))
        {
            foreach (var f in Directory.EnumerateFiles(dir, stem + ".shard-*"))
            {
                var m = ShardFile().Match(Path.GetFileName(f));
                if (m.Success && m.Groups["stem"].Value == stem) counts.Add(int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture));
            }
        }

        return counts.Count switch
        {
            0 => throw new BatchSetupException($"no shard reports for {merged} (looked for {stem}.shard-K-of-N.jsonl in {dir}); give --shards N to list every shard as missing"),
            1 => counts.Min,
            _ => throw new BatchSetupException($"shard reports of different shard counts ({string.Join(", ", counts)}) beside {merged}: give --shards N"),
        };
    }

    private static ShardState? ReadState(string path, out string? error)
    {
        error = null;
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(UserFile.ShardState.ReadText(path), PipelineJson.Default.ShardState);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or RuleSyntaxException)
        {
            error = ex.Message;
            return null;
        }
    }
}
