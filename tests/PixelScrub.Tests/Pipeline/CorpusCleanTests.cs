using System.Security.Cryptography;
using PixelScrub.Dicom;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Pipeline;

/// <summary>Cleaning the whole corpus with the default rules (issue 4, "done means" 2).</summary>
public sealed class CorpusCleanTests : IClassFixture<CorpusCleanTests.Run>
{
    /// <summary>One batch over the corpus shared by the tests of this class.</summary>
    public sealed class Run : IDisposable
    {
        public Run()
        {
            Root = Path.Combine(Path.GetTempPath(), "pixelscrub-corpus-clean-" + Guid.NewGuid().ToString("N"));
            Input = SharedFiles.Corpus("");
            HashesBefore = HashTree(Input);
            Summary = BatchRunner.Run(new BatchOptions
            {
                Inputs = [Input],
                OutputDirectory = Path.Combine(Root, "out"),
                Rules = RuleSet.Defaults,
                Jobs = 2,
            });
            HashesAfter = HashTree(Input);
            Rows = File.ReadAllLines(Summary.ReportPath).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        }

        public string Root { get; }
        public string Input { get; }
        public BatchSummary Summary { get; }
        public Dictionary<string, string> HashesBefore { get; }
        public Dictionary<string, string> HashesAfter { get; }
        public List<System.Text.Json.JsonElement> Rows { get; }

        public System.Text.Json.JsonElement RowFor(string relative) =>
            Rows.Single(r => r.GetProperty("input").GetString() == Path.Combine(Input, relative));

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { }
        }

        private static Dictionary<string, string> HashTree(string dir) =>
            Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
    }

    private readonly Run _run;

    public CorpusCleanTests(Run run) => _run = run;

    [Fact]
    public void Inputs_are_never_modified()
    {
        Assert.Equal(_run.HashesBefore.Count, _run.HashesAfter.Count);
        foreach (var (path, hash) in _run.HashesBefore) Assert.Equal(hash, _run.HashesAfter[path]);
    }

    [Theory]
    [InlineData("deid-data/ultrasounds/GREYSCALE_IMAGE.dcm", 49)]
    [InlineData("deid-data/ultrasounds/RGB_IMAGE.dcm", 60)]
    public void Ultrasounds_are_cleaned_in_the_top_band_and_nothing_else_changes(string relative, int band)
    {
        var row = _run.RowFor(relative);
        Assert.Equal("cleaned", row.GetProperty("status").GetString());
        var original = DicomFile.Open(SharedFiles.Corpus(relative));
        var cleaned = DicomFile.Open(row.GetProperty("output").GetString()!);
        int columns = (int)original.Dataset.GetInteger(new DicomTag(0x0028, 0x0011))!;
        int samples = (int)original.Dataset.GetInteger(new DicomTag(0x0028, 0x0002))!;
        var before = original.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().Span;
        var after = cleaned.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().Span;
        Assert.Equal(before.Length, after.Length);
        int bandBytes = band * columns * samples;
        Assert.True(after[..bandBytes].IndexOfAnyExcept((byte)0) < 0, "the band is not all black");
        Assert.True(before[..bandBytes].IndexOfAnyExcept((byte)0) >= 0, "the band had content to remove");
        Assert.True(before[bandBytes..].SequenceEqual(after[bandBytes..]), "pixels outside the band changed");

        // every other element is byte-identical
        foreach (var e in original.Dataset)
        {
            if (e.Tag == DicomTag.PixelData) continue;
            var other = cleaned.Dataset.Get(e.Tag);
            Assert.NotNull(other);
            if (e is not DicomSequence) Assert.True(e.Value.GetBytes().Span.SequenceEqual(other!.Value.GetBytes().Span), $"{e.Tag} changed");
        }

        Assert.Equal(original.Dataset.Count, cleaned.Dataset.Count);
    }

    [Fact]
    public void Cookies_flagged_without_coordinates_are_quarantined_with_a_reason()
    {
        foreach (var f in Directory.EnumerateFiles(SharedFiles.Corpus("deid-data/dicom-cookies"), "*.dcm"))
        {
            var row = _run.RowFor(Path.GetRelativePath(_run.Input, f));
            Assert.Equal("quarantined", row.GetProperty("status").GetString());
            var dest = row.GetProperty("output").GetString()!;
            Assert.StartsWith(_run.Summary.QuarantineDirectory, dest);
            Assert.True(File.Exists(dest));
            Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(dest));
            var sidecar = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dest + ".json")).RootElement;
            Assert.Contains("without regions", sidecar.GetProperty("reason").GetString());
            Assert.NotEqual(0, sidecar.GetProperty("matches").GetArrayLength());
        }
    }

    [Fact]
    public void Nothing_lands_in_the_output_that_the_policy_did_not_pass_or_clean()
    {
        var outputs = Directory.EnumerateFiles(_run.Summary.OutputDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not (".pixelscrub-ledger.jsonl" or ".pixelscrub-lock")).ToHashSet();
        var expected = _run.Rows.Where(r => r.GetProperty("status").GetString() is "cleaned" or "passed")
            .Select(r => r.GetProperty("output").GetString()!).ToHashSet();
        Assert.Equal(expected.Order(), outputs.Order());
        Assert.Equal(_run.Summary.Total, _run.Rows.Count);
        Assert.False(Directory.Exists(Path.Combine(_run.Root, "out.pixelscrub-tmp")), "the staging folder was left behind");
    }

    [Fact]
    public void Every_output_parses_with_dcmdump_and_dciodvfy_reports_no_new_error()
    {
        var cleaned = _run.Rows.Where(r => r.GetProperty("status").GetString() == "cleaned").ToList();
        Assert.True(cleaned.Count >= 2, "the corpus run should clean at least the two ultrasounds");
        foreach (var row in cleaned)
        {
            var output = row.GetProperty("output").GetString()!;
            var input = row.GetProperty("input").GetString()!;
            var dump = ReferenceTool.Run("dcmdump", ["-q", output]);
            Assert.True(dump.ExitCode == 0 && !dump.StdErr.Contains("E:"), $"dcmdump fails on {output}: {dump.StdErr}");
            var before = ReferenceTool.Dciodvfy(input);
            var after = ReferenceTool.Dciodvfy(output);
            Assert.True(after.Ran || ReferenceTool.DciodvfyCannotJudge32BitPixels(after.Output), $"dciodvfy aborted on {output}: {after.Output}");
            var added = after.Errors.Except(before.Errors).ToList();
            Assert.True(added.Count == 0, $"dciodvfy reports new errors on {output}: {string.Join("; ", added)}");
        }
    }

}
