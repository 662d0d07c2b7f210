using PixelScrub.Deidentification;
using PixelScrub.Dicom;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Stages;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Pipeline.Stages;

/// <summary>The header stage in a batch: after pixel cleaning, before writing; quarantine with the reason; resume keyed on the spec.</summary>
public sealed class HeaderStageTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-header-stage-");

    public void Dispose() => _root.Dispose();

    private string Script(string body)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + ".script");
        File.WriteAllText(path, $"<script>\n{body}\n</script>\n");
        return path;
    }

    private List<FileOutcome> Run(string spec, string output, bool resume = false)
    {
        var input = Path.Combine(_root, "in");
        if (!Directory.Exists(input))
        {
            Directory.CreateDirectory(input);
            File.Copy(CorpusFiles.PathOf("pydicom/CT_small.dcm"), Path.Combine(input, "ct.dcm"));
            File.Copy(CorpusFiles.PathOf("pydicom/ExplVR_BigEnd.dcm"), Path.Combine(input, "mr.dcm")); // both passed by the default rules
        }

        var rows = new List<FileOutcome>();
        BatchRunner.Run(new BatchOptions
        {
            Inputs = [input], OutputDirectory = Path.Combine(_root, output), Rules = RuleSet.Defaults, Jobs = 2, Resume = resume,
            Header = HeaderSpecs.Resolve(spec),
        }, new Collect(rows));
        return rows;
    }

    private sealed class Collect(List<FileOutcome> rows) : IProgress<FileOutcome>
    {
        public void Report(FileOutcome value)
        {
            lock (rows) rows.Add(value);
        }
    }

    [Fact]
    public void The_stage_runs_after_pixel_cleaning_and_before_transcode_and_write()
    {
        var options = new BatchOptions { Inputs = [], OutputDirectory = _root, Rules = RuleSet.Defaults, Header = HeaderSpecs.Resolve(Script("")) };
        var pipeline = PipelineBuilder.Build(options, new PixelScrub.Cleaning.DicomPixelCleaner([]), PixelScrub.Cleaning.Transcoder.InProcess, null, null,
            new PixelScrub.Pipeline.Sinks.FolderSink(_root, _root), new PixelScrub.Pipeline.Sinks.QuarantineFolderSink(_root, _root));
        var names = pipeline.Stages.Select(s => s.Name).ToList();
        Assert.True(names.IndexOf("header snapshot") == names.IndexOf("read header") + 1);
        Assert.True(names.IndexOf("header") == names.IndexOf("pixel clean") + 1);
        Assert.True(names.IndexOf("header") < names.IndexOf("write"));
    }

    [Fact]
    public void A_file_the_script_quarantines_goes_to_quarantine_with_the_reason_and_no_output()
    {
        var spec = Script("<e en=\"T\" t=\"00100020\">@if(this,equals,1CT1){@quarantine()}{@keep()}</e>");
        var rows = Run(spec, "out");
        var ct = rows.Single(r => r.Input.EndsWith("ct.dcm", StringComparison.Ordinal));
        var mr = rows.Single(r => r.Input.EndsWith("mr.dcm", StringComparison.Ordinal));
        Assert.Equal(FileStatus.Quarantined, ct.Status);
        Assert.Contains("header: (0010,0020) PatientID: the script says @quarantine()", ct.Reason);
        Assert.False(File.Exists(Path.Combine(_root, "out", "ct.dcm")));
        Assert.True(File.Exists(Path.Combine(_root, "out.quarantine", "ct.dcm.json")));
        Assert.NotEqual(FileStatus.Quarantined, mr.Status);
    }

    [Fact]
    public void Passed_files_are_rewritten_and_a_resumed_run_with_another_spec_redoes_them()
    {
        var first = Run(Script("<e en=\"T\" t=\"00100010\">@hash(this,10)</e>"), "out", resume: true);
        Assert.All(first, r => Assert.Contains("header: CTP script", r.Method));
        var ct = Path.Combine(_root, "out", "ct.dcm");
        Assert.False(File.ReadAllBytes(ct).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_root, "in", "ct.dcm"))));
        using (var f = DicomFile.Open(ct)) Assert.Equal(10, f.Dataset.GetString(new DicomTag(0x0010, 0x0010))!.Length);

        var same = Run(Script("<e en=\"T\" t=\"00100010\">@hash(this,10)</e>"), "out", resume: true);
        Assert.All(same, r => Assert.Equal(FileStatus.Skipped, r.Status));
        var other = Run(Script("<e en=\"T\" t=\"00100010\">@hash(this,12)</e>"), "out", resume: true);
        Assert.All(other, r => Assert.NotEqual(FileStatus.Skipped, r.Status));
        using (var f = DicomFile.Open(ct)) Assert.Equal(12, f.Dataset.GetString(new DicomTag(0x0010, 0x0010))!.Length);
    }

    [Fact]
    public void The_resume_key_follows_the_lookup_tables_content_not_only_its_size()
    {
        var script = Script("<e en=\"T\" t=\"00100020\">@lookup(this,ptid)</e>");
        var table = Path.Combine(_root, "lookup.properties");
        string KeyWith(string text)
        {
            File.WriteAllText(table, text);
            return HeaderSpecs.Resolve(script, new HeaderSettings { LookupTablePath = table }).Key;
        }

        var first = KeyWith("ptid/1234 = A\n");
        Assert.Equal(first, KeyWith("ptid/1234 = A\n"));
        Assert.NotEqual(first, KeyWith("ptid/1234 = B\n"));            // one entry either way: the count alone misses it
        Assert.NotEqual(first, HeaderSpecs.Resolve(script).Key);
    }

    [Fact]
    public void DicomCleaner_applies_the_header_spec_when_saving()
    {
        var cleaner = new DicomCleaner { Header = HeaderSpecs.Resolve(Script("<e en=\"T\" t=\"00100010\">@hash(this,10)</e>")) };
        cleaner.Detect(CorpusFiles.PathOf("pydicom/CT_small.dcm"));
        var path = cleaner.SaveDicom(Path.Combine(_root, "facade"));
        using var f = DicomFile.Open(path);
        Assert.Equal(PixelScrub.Deidentification.Ctp.CtpFunctions.Hash("CompressedSamples^CT1", 10), f.Dataset.GetString(new DicomTag(0x0010, 0x0010)));

        var quarantining = new DicomCleaner { Header = HeaderSpecs.Resolve(Script("<e en=\"T\" t=\"00100010\">@quarantine()</e>")) };
        quarantining.Detect(CorpusFiles.PathOf("pydicom/CT_small.dcm"));
        Assert.Throws<HeaderQuarantinedException>(() => quarantining.SaveDicom(Path.Combine(_root, "facade2")));
        Assert.False(Directory.Exists(Path.Combine(_root, "facade2")) && Directory.EnumerateFiles(Path.Combine(_root, "facade2")).Any());
    }
}
