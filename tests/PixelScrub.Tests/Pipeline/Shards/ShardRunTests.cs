using System.Text;
using System.Text.Json;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Shards;

namespace PixelScrub.Tests.Pipeline.Shards;

/// <summary>List once, clean in shards over one output tree, merge: every file once, as one clean writes it.</summary>
public sealed class ShardRunTests
{
    private static BatchFolder Corpus()
    {
        var f = new BatchFolder();
        // more files and folders: the samples again in sub-folders, and a name with a tab and a backslash
        for (int i = 0; i < 4; i++)
        {
            foreach (var file in Directory.GetFiles(f.In, "*", SearchOption.AllDirectories).Where(x => !x.Contains("/copy", StringComparison.Ordinal)))
            {
                var dest = Path.Combine(f.In, $"copy{i}", i == 3 ? "odd\tname\\" + Path.GetFileName(file) : Path.GetFileName(file));
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(file, dest);
            }
        }

        return f;
    }

    private static List<string> Inputs(string report) =>
        File.ReadLines(report).Select(l => JsonSerializer.Deserialize<JsonElement>(l).GetProperty("input").GetString()!).ToList();

    [Fact]
    public void Shards_with_a_manifest_process_every_file_exactly_once_and_write_what_one_clean_writes()
    {
        using var f = Corpus();
        var manifest = f.P("files.manifest");
        var listed = Manifest.Write([f.In], manifest);
        Assert.Equal(Directory.GetFiles(f.In, "*", SearchOption.AllDirectories).Length, listed.Files);

        const int n = 3;
        var perShard = new List<List<string>>();
        for (int k = 0; k < n; k++)
        {
            var s = BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = new ShardSpec(k, n) });
            Assert.Equal(0, s.Failed);
            var report = f.P($"out.report.shard-{k}-of-{n}.jsonl");
            Assert.Equal(report, s.ReportPath);
            perShard.Add(Inputs(report));
            Assert.True(File.Exists(f.P("out", $".pixelscrub-ledger.shard-{k}-of-{n}.jsonl")));
            Assert.True(File.Exists(f.P($"out.report.shard-{k}-of-{n}.state.json")));
        }

        // pairwise disjoint, union = all listed files
        var all = perShard.SelectMany(x => x).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(listed.Files, all.Count);
        Assert.All(perShard, rows => Assert.NotEmpty(rows));

        var single = BatchRunner.Run(f.Options() with { OutputDirectory = f.P("single") });
        Assert.Equal(listed.Files, single.Total);
        AssertSameTree(f.Out, f.P("single"));
        AssertSameTree(f.P("out.quarantine"), f.P("single.quarantine"));

        var merged = ReportMerge.Run(f.Out);
        Assert.True(merged.Complete, string.Join("; ", merged.Incomplete.Concat(merged.Problems)));
        Assert.Equal(listed.Files, merged.Rows);
        Assert.Equal(Inputs(single.ReportPath).Order(StringComparer.Ordinal), Inputs(merged.MergedReport).Order(StringComparer.Ordinal));
        Assert.True(JsonDocument.Parse(File.ReadAllText(merged.SummaryPath)).RootElement.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void Merge_names_missing_and_incomplete_shards_and_the_files_without_a_row_until_they_are_rerun()
    {
        using var f = Corpus();
        var manifest = f.P("files.manifest");
        Manifest.Write([f.In], manifest);
        BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = new ShardSpec(0, 3) });
        BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = new ShardSpec(2, 3) });

        // shard 2 "killed": its state says running and its report lost its last row
        var state = f.P("out.report.shard-2-of-3.state.json");
        File.WriteAllText(state, File.ReadAllText(state).Replace("\"complete\"", "\"running\""));
        var report2 = f.P("out.report.shard-2-of-3.jsonl");
        var lines = File.ReadAllLines(report2);
        File.WriteAllLines(report2, lines[..^1]);

        var r = ReportMerge.Run(f.Out);
        Assert.False(r.Complete);
        Assert.Equal([1], r.Missing);
        Assert.Contains(r.Incomplete, i => i.StartsWith("shard 2", StringComparison.Ordinal) && i.Contains("not finished"));
        int expectedWithout = Manifest.ReadEntries(manifest).Count(e => ShardPartition.ShardOf(Encoding.UTF8.GetString(e.Relative), 3) == 1) + 1;
        Assert.Equal(expectedWithout, r.WithoutRow);
        Assert.Contains(r.WithoutRowListed, x => x.EndsWith("(shard 1)", StringComparison.Ordinal));

        // rerun the two: complete; the rerun of shard 2 skips what its ledger has and redoes the file without a row
        BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = new ShardSpec(1, 3) });
        BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = new ShardSpec(2, 3) });
        var done = ReportMerge.Run(f.Out);
        Assert.True(done.Complete, string.Join("; ", done.Incomplete.Concat(done.Problems)));
        Assert.Equal(0, done.WithoutRow);
    }

    [Fact]
    public void Merge_finds_an_input_processed_twice_and_two_inputs_written_to_one_output()
    {
        using var f = Corpus();
        var manifest = f.P("files.manifest");
        Manifest.Write([f.In], manifest);
        for (int k = 0; k < 2; k++) BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = new ShardSpec(k, 2) });
        var r0 = f.P("out.report.shard-0-of-2.jsonl");
        var r1 = f.P("out.report.shard-1-of-2.jsonl");
        var first = File.ReadLines(r0).First();
        var row = JsonSerializer.Deserialize<JsonElement>(first);
        var forged = new FileOutcome { Input = row.GetProperty("input").GetString() + ".other", Output = row.GetProperty("output").GetString(), Status = FileStatus.Passed };
        File.AppendAllLines(r1, [first, JsonSerializer.Serialize(forged, PipelineJson.Default.FileOutcome)]);

        var r = ReportMerge.Run(f.Out);
        Assert.False(r.Complete);
        Assert.Contains(r.Problems, p => p.Contains("has 2 rows (shards 0, 1)"));
        Assert.Contains(r.Problems, p => p.Contains("two inputs were written to the same output"));
        Assert.Contains(r.Problems, p => p.Contains(".other has a row but is not in the manifest"));
    }

    [Fact]
    public void A_manifest_path_that_leaves_the_root_or_a_cut_manifest_refuses_the_run_before_any_file()
    {
        using var f = new BatchFolder();
        var outside = f.P("outside");
        Directory.CreateDirectory(outside);
        File.Copy(Directory.GetFiles(f.In, "*", SearchOption.AllDirectories)[0], Path.Combine(outside, "secret.dcm"));

        var bad = f.P("bad.manifest");
        File.WriteAllText(bad, $"{Manifest.Magic}\n# root: {f.In}\n# follow-links: no\n10\t../outside/secret.dcm\n# end: 1 files, 10 bytes\n");
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = bad }));
        Assert.Contains("bad.manifest:4:", ex.Message);
        Assert.Contains("leave the root", ex.Message);

        Directory.CreateSymbolicLink(Path.Combine(f.In, "link"), outside);
        File.WriteAllText(bad, $"{Manifest.Magic}\n# root: {f.In}\n# follow-links: no\n10\tlink/secret.dcm\n# end: 1 files, 10 bytes\n");
        ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = bad }));
        Assert.Contains("resolves outside the root", ex.Message);

        File.WriteAllText(bad, $"{Manifest.Magic}\n# root: {f.In}\n# follow-links: no\n10\tx.dcm\n");
        ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = bad }));
        Assert.Contains("incomplete", ex.Message);
        Assert.False(Directory.Exists(f.Out) && Directory.EnumerateFiles(f.Out, "*.dcm", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void Shards_share_the_output_folder_but_a_whole_run_and_a_second_run_of_one_shard_are_refused()
    {
        using var f = new BatchFolder();
        using (var held = OutputLock.AcquireShard(f.Out, "shard-0-of-2"))
        {
            using (OutputLock.AcquireShard(f.Out, "shard-1-of-2"))
            {
                // another shard runs beside it
            }

            Assert.Throws<BatchSetupException>(() => OutputLock.AcquireShard(f.Out, "shard-0-of-2"));
            var whole = Assert.Throws<BatchSetupException>(() => OutputLock.Acquire(f.Out));
            Assert.Contains("shard runs", whole.Message);
        }

        using (OutputLock.Acquire(f.Out))
        {
            Assert.Throws<BatchSetupException>(() => OutputLock.AcquireShard(f.Out, "shard-0-of-2"));
        }
    }

    private static void AssertSameTree(string a, string b)
    {
        static IEnumerable<string> Files(string root) =>
            Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p))
                .Where(p => !Path.GetFileName(p).StartsWith(".pixelscrub-", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var fa = Files(a).ToList();
        Assert.Equal(fa, Files(b).ToList());
        Assert.NotEmpty(fa);
        foreach (var p in fa)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, p)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, p))), p);
        }
    }
}
