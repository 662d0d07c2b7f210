using PixelScrub.Dicom;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-demo-");

    public void Dispose() => _root.Dispose();

    /// <summary>Where the demo puts its samples (under its --out): five in the output folder, one in quarantine with its sidecar.</summary>
    private static readonly string[] Places =
    [
        "output.quarantine/sc/scanned-document.dcm",
        "output.quarantine/sc/scanned-document.dcm.json",
        "output/ct/axial-0001.dcm",
        "output/ct/dose-report.dcm",
        "output/us/philips-epiq-cine.dcm",
        "output/us/philips-epiq-jpeg.dcm",
        "output/us/siemens-s2000.dcm",
    ];

    /// <summary>The files a demo run left in its output and quarantine folders (not the run's own dot files), relative to its --out.</summary>
    private static string[] PlacesIn(string demo) =>
    [
        .. new[] { "output", "output.quarantine" }
            .Select(folder => Path.Combine(demo, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => Path.GetRelativePath(demo, f))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The demo runs clean's default, text verification (Tesseract is installed here: tesseract-ocr-eng libtesseract5).</summary>
    [Fact]
    public void Demo_cleans_passes_and_quarantines_as_it_says()
    {
        var (code, stdout, err) = CliRunner.Run("demo", "--out", _root);
        Assert.True(code == 0, err + stdout);
        Assert.Contains("Text: verify (the default)", stdout);
        var input = Path.Combine(_root, "input");
        var output = Path.Combine(_root, "output");

        // cleaned: the dose report's top 110 rows are black, the rest unchanged
        var before = DicomFile.Open(Path.Combine(input, "ct", "dose-report.dcm")).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        var after = DicomFile.Open(Path.Combine(output, "ct", "dose-report.dcm")).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        int band = 110 * 512 * 2;
        Assert.True(before.AsSpan(0, band).IndexOfAnyExcept((byte)0) >= 0);
        Assert.True(after.AsSpan(0, band).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(before.AsSpan(band).SequenceEqual(after.AsSpan(band)));

        Assert.Equal(Places, PlacesIn(_root));
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "ct", "axial-0001.dcm")), File.ReadAllBytes(Path.Combine(output, "ct", "axial-0001.dcm")));
        Assert.Contains("now at:", stdout);
        Assert.DoesNotContain("(missing!)", stdout);
    }

    /// <summary>
    /// On a machine without Tesseract the demo still shows what the rules do (exit 0, the same places), and says plainly
    /// that it ran with text off and how to install the engine.
    /// </summary>
    [Fact]
    public void Without_Tesseract_the_demo_runs_rules_only_and_says_so_with_the_install_command()
    {
        var demo = Path.Combine(_root, "demo");
        var (code, stdout, err) = ChildProcess.PixelScrubWithoutEnglishData(_root, "demo", "--out", demo);
        Assert.True(code == 0, err + stdout);
        Assert.Contains("Text: off for this demo only", stdout);
        Assert.Contains("sudo apt-get install tesseract-ocr-eng libtesseract5", stdout);
        Assert.Equal(Places, PlacesIn(demo));
        Assert.DoesNotContain("(missing!)", stdout);
    }
}
