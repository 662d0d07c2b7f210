using System.Text;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Shards;

namespace PixelScrub.Tests.Pipeline.Shards;

/// <summary>
/// The files a sharded run reads back (the manifest, the shard reports, the shard state files) are bounded: an
/// over-long line or a huge file (3 GB, sparse) is refused naming the file, the line and the limit, after reading at
/// most the limit, never the whole file.
/// </summary>
public sealed class ShardInputLimitTests
{
    private const long Budget = 64L << 20;

    private static string Sparse(string path, long size)
    {
        using var fs = new FileStream(path, FileMode.Create);
        fs.SetLength(size);   // no disk used, and no line end in 3 GB
        return path;
    }

    private static string Header(BatchFolder f) => $"{Manifest.Magic}\n# root: {f.In}\n# follow-links: no\n";

    [Fact]
    public void A_manifest_line_longer_than_64_Ki_characters_refuses_the_run_naming_file_line_and_limit_and_one_at_the_limit_is_read()
    {
        using var f = new BatchFolder();
        var manifest = f.P("long.manifest");
        File.WriteAllText(manifest, Header(f) + "10\t" + new string('a', Manifest.MaxLineChars) + "\n# end: 1 files, 10 bytes\n");
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest }));
        Assert.Equal($"{manifest}:4: a line longer than 65,536 characters; manifest lines above 65,536 characters are refused (not a manifest `pixelscrub list` wrote)", ex.Message);
        Assert.False(Directory.Exists(f.Out) && Directory.EnumerateFiles(f.Out, "*", SearchOption.AllDirectories).Any());

        // exactly at the limit (with a "\r\n" line end): read
        File.WriteAllText(manifest, Header(f) + "10\t" + new string('a', Manifest.MaxLineChars - 3) + "\r\n# end: 1 files, 10 bytes\n");
        var entry = Assert.Single(Manifest.ReadEntries(manifest));
        Assert.Equal(Manifest.MaxLineChars - 3, entry.Relative.Length);
        Assert.Equal(4, entry.Line);
    }

    [Fact]
    public void A_3_GB_manifest_without_line_ends_is_refused_at_line_1_with_little_memory()
    {
        using var f = new BatchFolder();
        var manifest = Sparse(f.P("huge.manifest"), 3L << 30);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest }));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < Budget, "the manifest was read far past its line limit");
        Assert.StartsWith($"{manifest}:1: a line longer than 65,536 characters", ex.Message);
    }

    [Fact]
    public void Merge_marks_a_shard_whose_report_has_an_over_long_line_or_is_a_huge_file_or_whose_state_file_is_huge_incomplete()
    {
        using var f = new BatchFolder();
        var manifest = f.P("files.manifest");
        Manifest.Write([f.In], manifest);
        for (int k = 0; k < 3; k++) BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = new ShardSpec(k, 3) });
        Assert.True(ReportMerge.Run(f.Out).Complete);

        // shard 0: a row of 1 Mi + 1 characters after its good rows; shard 1: its report a 3 GB file; shard 2: its state file 3 GB
        var report0 = f.P("out.report.shard-0-of-3.jsonl");
        int good = File.ReadLines(report0).Count();
        File.AppendAllText(report0, "{\"input\":\"" + new string('x', ReportRows.MaxRowChars) + "\"}\n");
        int rows2 = File.ReadLines(f.P("out.report.shard-2-of-3.jsonl")).Count();
        var report1 = Sparse(f.P("out.report.shard-1-of-3.jsonl"), 3L << 30);
        var state2 = Sparse(f.P("out.report.shard-2-of-3.state.json"), 3L << 30);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var r = ReportMerge.Run(f.Out);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < Budget, "a shard report or state file was read far past its limit");
        Assert.False(r.Complete);
        Assert.Contains(r.Incomplete, i => i.StartsWith("shard 0", StringComparison.Ordinal)
            && i.Contains($"{report0}:{good + 1}: a line longer than 1,048,576 characters; report rows above 1,048,576 characters are refused"));
        Assert.Contains(r.Incomplete, i => i.StartsWith("shard 1", StringComparison.Ordinal)
            && i.Contains($"{report1}:1: a line longer than 1,048,576 characters"));
        Assert.Contains(r.Incomplete, i => i.StartsWith("shard 2", StringComparison.Ordinal)
            && i.Contains($"{state2}:1:1: the shard state file is 3221225472 bytes; shard state files above 1 MiB are refused"));
        Assert.Equal(good + rows2, File.ReadLines(r.MergedReport).Count());   // the rows before the refused line, and shard 2's
    }

    [Fact]
    public void A_shard_ledger_line_longer_than_64_Ki_characters_refuses_the_resumed_shard_naming_file_line_and_limit()
    {
        using var f = new BatchFolder();
        var manifest = f.P("files.manifest");
        Manifest.Write([f.In], manifest);
        var shard = new ShardSpec(0, 2);
        BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = shard });
        var ledger = f.P("out", ".pixelscrub-ledger.shard-0-of-2.jsonl");
        int good = File.ReadLines(ledger).Count();
        File.AppendAllText(ledger, "{\"path\":\"" + new string('x', Ledger.MaxLineChars) + "\"}\n");

        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(f.Options() with { Inputs = [], FilesFrom = manifest, Shard = shard }));
        Assert.StartsWith($"{ledger}:{good + 1}: a line longer than 65,536 characters; resume ledger lines above 65,536 characters are refused", ex.Message);
    }
}
