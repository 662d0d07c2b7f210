using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Samples;
using PixelScrub.Text;

namespace PixelScrub.Tests.Pipeline.Stages;

/// <summary>A rule that cleans a file with no image: nothing to clean is a pass with a note; an overlay is still an image.</summary>
public sealed class PixelCleanStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-pixelclean-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private string DoseReportWithout(Action<DicomDataset> change)
    {
        DemoSamples.Write(Path.Combine(_root, "demo"));
        var file = DicomFile.Open(Path.Combine(_root, "demo", "ct", "dose-report.dcm"));
        file.ReadRemainder();
        change(file.Dataset);
        var path = Path.Combine(_root, "in", "dose-no-pixels.dcm");
        DicomWriter.WriteFile(file, path);
        return path;
    }

    private (BatchSummary Summary, string Report) Clean(TextMode mode = TextMode.Verify)
    {
        var report = Path.Combine(_root, "report.jsonl");
        var summary = BatchRunner.Run(new BatchOptions
        {
            Inputs = [Path.Combine(_root, "in")], OutputDirectory = Path.Combine(_root, "out"), Rules = RuleSet.Defaults, ReportPath = report, Jobs = 1,
            Text = TextOptions.Default with { Mode = mode },
        });
        return (summary, File.ReadAllText(report));
    }

    [Theory]
    [InlineData(TextMode.Verify)]
    [InlineData(TextMode.Redact)]
    public void A_file_without_pixel_data_that_a_rule_cleans_passes_unchanged_with_a_note(TextMode mode)
    {
        var input = DoseReportWithout(ds => Assert.True(ds.Remove(DicomTag.PixelData)));
        var (summary, report) = Clean(mode);
        Assert.Equal(1, summary.Passed);
        Assert.Equal(0, summary.Failed);
        Assert.Contains("\"decision\":\"clean\"", report);
        Assert.Contains("nothing to clean", report);
        // Text verification (the default) and redaction have nothing to read either: no image, no burned-in text.
        Assert.Contains("text: nothing to read", report);
        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(Path.Combine(_root, "out", "dose-no-pixels.dcm")));
    }

    [Fact]
    public void A_file_with_an_overlay_but_no_pixel_data_still_fails_closed()
    {
        DoseReportWithout(ds =>
        {
            ds.Remove(DicomTag.PixelData);
            ds.Set(new DicomElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, ElementValue.FromBytes(new byte[512 * 512 / 8])));
        });
        var (summary, _) = Clean();
        Assert.Equal(1, summary.Failed);
        Assert.Equal(0, summary.Passed);
        Assert.False(File.Exists(Path.Combine(_root, "out", "dose-no-pixels.dcm")));
    }
}
