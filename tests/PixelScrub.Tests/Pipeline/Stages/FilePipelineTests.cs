using System.Text.Json;
using PixelScrub.Cleaning;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Sinks;
using PixelScrub.Pipeline.Stages;
using PixelScrub.Rules;
using PixelScrub.Samples;

namespace PixelScrub.Tests.Pipeline.Stages;

/// <summary>The per-file pass as an ordered list of stages over a work item, with sources and sinks.</summary>
public sealed class FilePipelineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-stages-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private BatchOptions Options(bool previews = false, TranscodeOptions? transcode = null, bool resume = true) => new()
    {
        Inputs = [Path.Combine(_root, "in")],
        OutputDirectory = Path.Combine(_root, "out"),
        Rules = RuleSet.Defaults,
        Previews = previews,
        Transcode = transcode,
        Resume = resume,
        Jobs = 1,
    };

    private string[] StageNames(BatchOptions options, bool ledger)
    {
        using var l = new Ledger(Path.Combine(_root, "ledger"), ledger);
        var pipeline = PipelineBuilder.Build(options, new DicomPixelCleaner([]), Transcoder.InProcess, null, l,
            new FolderSink(options.OutputDirectory, options.StagingDirectory), new QuarantineFolderSink(options.ResolvedQuarantine, options.StagingDirectory));
        return pipeline.Stages.Select(s => s.Name).ToArray();
    }

    [Fact]
    public void Stages_run_in_the_architecture_order_and_only_when_their_option_asks()
    {
        Assert.Equal(["read header", "rules", "decide", "pixel clean", "write"], StageNames(Options(resume: false), ledger: false));
        Assert.Equal(["resume", "read header", "rules", "decide", "pixel clean", "transcode", "write", "preview"],
            StageNames(Options(previews: true, transcode: TranscodeOptions.Decompress()), ledger: true));
    }

    [Fact]
    public void A_stage_that_throws_ends_the_item_as_failed_and_it_is_quarantined_with_a_sidecar()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        var options = Options(resume: false);
        var quarantine = new QuarantineFolderSink(options.ResolvedQuarantine, options.StagingDirectory);
        var pipeline = new FilePipeline(
            [new ReadHeaderStage(), new Throwing(), new WriteStage(new FolderSink(options.OutputDirectory, options.StagingDirectory))], quarantine, null);
        var input = Path.Combine(_root, "in", "ct", "axial-0001.dcm");
        var before = File.ReadAllBytes(input);
        var outcome = pipeline.Process(new InputFile(input, "ct/axial-0001.dcm"));

        Assert.Equal(FileStatus.Failed, outcome.Status);
        Assert.Equal("boom: the stage could not do its job", outcome.Reason);
        Assert.StartsWith(Path.GetFullPath(options.ResolvedQuarantine), outcome.Output);
        Assert.Equal(before, File.ReadAllBytes(outcome.Output!));
        using var sidecar = JsonDocument.Parse(File.ReadAllText(outcome.Output + ".json"));
        Assert.Equal("failed", sidecar.RootElement.GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory, "ct", "axial-0001.dcm")), "a failed item must not reach the output sink");
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    /// <summary>A quarantined input is copied whole: the ledger's hash of it is taken in that read, not in a second one.</summary>
    [Fact]
    public void The_quarantine_copy_hashes_the_input_for_the_ledger_as_it_copies()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        var options = Options();
        var input = Path.Combine(_root, "in", "ct", "axial-0001.dcm");
        using var item = new WorkItem(new InputFile(input, "ct/axial-0001.dcm"), new FileInfo(input).Length) { HashWhileCopying = true };
        item.End(FileStatus.Quarantined, "set aside for review");
        new QuarantineFolderSink(options.ResolvedQuarantine, options.StagingDirectory).Quarantine(item);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(input))), item.Sha256);
    }

    [Fact]
    public void Jsonl_and_csv_reports_use_the_same_field_names_and_status_words()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        // Without the 12-frame cine: OCR of its frames (the default verify, kept so rows carry the text fields) took most
        // of the two runs' time, and the single-frame ultrasounds give the same fields.
        File.Delete(Path.Combine(_root, "in", "us", "philips-epiq-cine.dcm"));
        var jsonl = Path.Combine(_root, "r.jsonl");
        var csv = Path.Combine(_root, "r.csv");
        BatchRunner.Run(Options(resume: false) with { ReportPath = jsonl });
        BatchRunner.Run(Options(resume: false) with { ReportPath = csv, OutputDirectory = Path.Combine(_root, "out2") });

        var header = File.ReadLines(csv).First().Split(',');
        foreach (var line in File.ReadLines(jsonl))
        {
            using var row = JsonDocument.Parse(line);
            foreach (var p in row.RootElement.EnumerateObject()) Assert.Contains(p.Name, header);
            Assert.Contains(row.RootElement.GetProperty("status").GetString(), new[] { "passed", "cleaned", "quarantined", "failed", "skipped" });
        }

        var statusColumn = Array.IndexOf(header, "status");
        Assert.Contains(File.ReadLines(csv).Skip(1), l => l.Contains(",cleaned,"));
        Assert.True(statusColumn >= 0);
    }

    private sealed class Throwing : IFileStage
    {
        public string Name => "boom";
        public void Run(WorkItem item) => throw new UnsupportedInputException("the stage could not do its job");
    }
}
