using System.Text.Json;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Sinks;
using PixelScrub.Pipeline.Stages;
using PixelScrub.Rules;

namespace PixelScrub.Tests.Pipeline;

/// <summary>
/// Faults end as per-file results, never as a crash: a full disk, a read-only output, an input that vanishes or changes
/// mid-run. The report stays whole lines, quarantined copies always have their sidecar, staging is cleaned.
/// </summary>
public sealed class FaultTests : IDisposable
{
    private readonly BatchFolder _f = new();

    public void Dispose() => _f.Dispose();

    private static List<JsonElement> Rows(string report) =>
        File.ReadLines(report).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static void AssertQuarantineHasSidecars(string quarantine)
    {
        if (!Directory.Exists(quarantine)) return;
        foreach (var f in Directory.GetFiles(quarantine, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            Assert.True(File.Exists(f + ".json"), $"quarantined without its sidecar: {f}");
        }
    }

    [Fact]
    public void A_full_disk_fails_files_one_by_one_and_the_run_ends_with_whole_report_lines()
    {
        var reference = BatchRunner.Run(_f.Options() with { OutputDirectory = _f.P("ref"), Resume = false });
        Assert.Equal(0, reference.Failed);

        using var disk = new TmpfsMount(_f.P("small"), "1600k");
        var outDir = Path.Combine(disk.Path, "out");
        var report = _f.P("report.jsonl");
        var options = _f.Options() with { OutputDirectory = outDir, ReportPath = report };
        var summary = BatchRunner.Run(options);

        Assert.True(summary.Failed > 0, "nothing failed: the disk was not full");
        var rows = Rows(report);
        var inputs = Directory.GetFiles(_f.In, "*", SearchOption.AllDirectories).Order().ToList();
        Assert.Equal(inputs, rows.Select(r => r.GetProperty("input").GetString()!).Order().ToList());
        foreach (var failed in rows.Where(r => r.GetProperty("status").GetString() == "failed"))
        {
            Assert.Contains("No space left on device", failed.GetProperty("reason").GetString() + string.Join(' ', failed.GetProperty("notes").EnumerateArray()));
        }

        // what did reach OUT is complete: the same bytes as the run on a roomy disk
        foreach (var written in Directory.GetFiles(outDir, "*.dcm", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_f.P("ref"), Path.GetRelativePath(outDir, written))), File.ReadAllBytes(written));
        }

        AssertQuarantineHasSidecars(options.ResolvedQuarantine);
        Assert.False(Directory.Exists(options.StagingDirectory) && Directory.EnumerateFiles(options.StagingDirectory).Any(), "temp files were left in staging");

        // The report itself on the full disk: rows are lost and counted, but the file holds whole lines only.
        var onDisk = Path.Combine(disk.Path, "report.jsonl");
        var second = BatchRunner.Run(options with { OutputDirectory = Path.Combine(disk.Path, "out2"), ReportPath = onDisk, Resume = false });
        Assert.True(second.ReportRowsLost > 0 || File.ReadLines(onDisk).Count() == second.Total, "rows neither written nor counted as lost");
        Assert.Equal(second.Total, File.ReadLines(onDisk).Count() + second.ReportRowsLost);
        Assert.All(File.ReadLines(onDisk), l => JsonDocument.Parse(l).Dispose());
        Assert.True(File.ReadAllBytes(onDisk) is var bytes && (bytes.Length == 0 || bytes[^1] == '\n'), "the report ends in a cut line");
    }

    [Fact]
    public void A_read_only_output_file_system_is_refused_before_any_file_with_one_line()
    {
        using var disk = new TmpfsMount(_f.P("ro"), "1m");
        Directory.CreateDirectory(Path.Combine(disk.Path, "out"));
        disk.RemountReadOnly();
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(_f.Options() with
        {
            OutputDirectory = Path.Combine(disk.Path, "out"), ReportPath = _f.P("r.jsonl"), QuarantineDirectory = _f.P("q"),
        }));
        Assert.Contains("cannot write to the output folder", ex.Message);
        Assert.Contains("Read-only file system", ex.Message);
    }

    [Fact]
    public void A_read_only_folder_inside_the_output_fails_its_files_which_go_to_quarantine()
    {
        Directory.CreateDirectory(Path.Combine(_f.Out, "ct"));
        using var disk = new TmpfsMount(Path.Combine(_f.Out, "ct"), "1m", readOnly: true);
        var summary = BatchRunner.Run(_f.Options());
        Assert.Equal(2, summary.Failed);
        var rows = Rows(_f.Out + ".report.jsonl");
        foreach (var row in rows.Where(r => r.GetProperty("input").GetString()!.Contains("/ct/", StringComparison.Ordinal)))
        {
            Assert.Equal("failed", row.GetProperty("status").GetString());
            Assert.Contains("Read-only file system", row.GetProperty("reason").GetString());
            var q = row.GetProperty("output").GetString()!;
            Assert.StartsWith(_f.Out + ".quarantine", q);
            Assert.True(File.Exists(q + ".json"));
        }

        Assert.True(File.Exists(Path.Combine(_f.Out, "us", "siemens-s2000.dcm")), "the other files were not written");
        AssertQuarantineHasSidecars(_f.Out + ".quarantine");
    }

    private FilePipeline Pipeline(IFileStage middle)
    {
        var options = _f.Options();
        return new FilePipeline(
            [new ReadHeaderStage(), middle, new WriteStage(new FolderSink(options.OutputDirectory, options.StagingDirectory))],
            new QuarantineFolderSink(options.ResolvedQuarantine, options.StagingDirectory), null);
    }

    [Fact]
    public void An_input_that_changes_mid_run_fails_its_output_is_withdrawn_and_it_is_quarantined()
    {
        var input = Path.Combine(_f.In, "ct", "axial-0001.dcm");
        var outcome = Pipeline(new Act("append", i => File.AppendAllText(i.Input.FullPath, "more"))).Process(new InputFile(input, "ct/axial-0001.dcm"));
        Assert.Equal(FileStatus.Failed, outcome.Status);
        Assert.Contains("the input changed while it was", outcome.Reason);
        Assert.False(File.Exists(Path.Combine(_f.Out, "ct", "axial-0001.dcm")), "an output mixing two versions of the input was kept");
        Assert.True(File.Exists(outcome.Output + ".json"));
    }

    [Fact]
    public void An_input_that_vanishes_mid_run_fails_with_the_reason_and_no_exception()
    {
        var input = Path.Combine(_f.In, "ct", "axial-0001.dcm");
        var outcome = Pipeline(new Act("delete", i => File.Delete(i.Input.FullPath))).Process(new InputFile(input, "ct/axial-0001.dcm"));
        Assert.Equal(FileStatus.Failed, outcome.Status);
        Assert.Null(outcome.Output);
        Assert.Contains(outcome.Notes, n => n.StartsWith("could not be quarantined", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_f.Out + ".quarantine", "ct", "axial-0001.dcm.json")), "a sidecar without its file was left");
    }

    [Fact]
    public void An_unexpected_exception_in_a_stage_fails_that_file_not_the_batch()
    {
        var input = Path.Combine(_f.In, "ct", "axial-0001.dcm");
        var outcome = Pipeline(new Act("bug", _ => throw new InvalidOperationException("a bug"))).Process(new InputFile(input, "ct/axial-0001.dcm"));
        Assert.Equal(FileStatus.Failed, outcome.Status);
        Assert.Equal("bug: unexpected InvalidOperationException: a bug", outcome.Reason);
        Assert.True(File.Exists(outcome.Output + ".json"));
    }

    [Fact]
    public void Temp_files_of_a_live_process_survive_a_sweep_and_those_of_a_dead_one_do_not()
    {
        var dir = _f.P("staging");
        Directory.CreateDirectory(dir);
        var live = Path.Combine(dir, $"{AtomicFile.TempPrefix}x.dcm.{ProcessIdentity.Current}.0123456789abcdef0123456789abcdef");
        var dead = Path.Combine(dir, $"{AtomicFile.TempPrefix}x.dcm.{Environment.ProcessId}-1.0123456789abcdef0123456789abcdef");
        File.WriteAllText(live, "");
        File.WriteAllText(dead, "");
        Assert.Equal(1, AtomicFile.SweepLeftovers(dir));
        Assert.True(File.Exists(live), "a sweep deleted a running process's temp file");
        Assert.False(File.Exists(dead));
    }

    private sealed class Act(string name, Action<WorkItem> act) : IFileStage
    {
        public string Name => name;
        public void Run(WorkItem item) => act(item);
    }
}
