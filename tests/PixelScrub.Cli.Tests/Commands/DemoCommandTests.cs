using PixelScrub.Dicom;

namespace PixelScrub.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public void Demo_cleans_passes_and_quarantines_as_it_says()
    {
        var (code, stdout, err) = CliRunner.Run("demo", "--out", _root);
        Assert.True(code == 0, err + stdout);
        var input = Path.Combine(_root, "input");
        var output = Path.Combine(_root, "output");

        // cleaned: the dose report's top 110 rows are black, the rest unchanged
        var before = DicomFile.Open(Path.Combine(input, "ct", "dose-report.dcm")).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        var after = DicomFile.Open(Path.Combine(output, "ct", "dose-report.dcm")).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        int band = 110 * 512 * 2;
        Assert.True(before.AsSpan(0, band).IndexOfAnyExcept((byte)0) >= 0);
        Assert.True(after.AsSpan(0, band).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(before.AsSpan(band).SequenceEqual(after.AsSpan(band)));

        Assert.True(File.Exists(Path.Combine(output, "us", "siemens-s2000.dcm")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "ct", "axial-0001.dcm")), File.ReadAllBytes(Path.Combine(output, "ct", "axial-0001.dcm")));
        Assert.True(File.Exists(Path.Combine(output + ".quarantine", "sc", "scanned-document.dcm.json")));
        Assert.Contains("now at:", stdout);
        Assert.DoesNotContain("(missing!)", stdout);
    }
}
