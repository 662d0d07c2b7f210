using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

public sealed class PreviewCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-preview-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public void Preview_writes_original_cleaned_compare_and_an_apng_with_every_frame_that_pngcheck_accepts()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var output = Path.Combine(_root, "previews");
        var (code, stdout, err) = CliRunner.Run("preview", input, "--out", output, "--scale", "0.5");
        Assert.True(code == 0, err + stdout);
        foreach (var name in new[] { "us/siemens-s2000", "us/philips-epiq-jpeg", "ct/dose-report", "us/philips-epiq-cine" })
        {
            foreach (var kind in new[] { "original", "cleaned", "compare" })
            {
                var png = Path.Combine(output, name + "." + kind + ".png");
                Assert.True(File.Exists(png), png);
                var check = ReferenceTool.Run("pngcheck", [png]);
                Assert.True(check.ExitCode == 0, check.StdOut + check.StdErr);
            }
        }

        var apng = Path.Combine(output, "us", "philips-epiq-cine.cleaned.apng");
        var (apngCode, apngOut, _) = ReferenceTool.Run("pngcheck", ["-v", apng]);
        Assert.True(apngCode == 0, apngOut);
        Assert.Equal(12, ApngFacts.FrameControlChunks(apngOut));
        Assert.Equal(12, ApngFacts.DeclaredFrames(apng));
    }

    [Fact]
    public void Clean_with_previews_writes_a_comparison_for_each_cleaned_and_quarantined_file()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var (code, stdout, err) = CliRunner.Run("clean", input, "--out", Path.Combine(_root, "out"), "--previews", "--text", "off");
        Assert.True(code == 0, err + stdout);
        var previews = Path.Combine(_root, "out.report.previews");
        var pngs = Directory.GetFiles(previews, "*.compare.png", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(previews, p)).Order().ToList();
        Assert.Equal(
            new[] { "ct/dose-report.dcm.compare.png", "sc/scanned-document.dcm.compare.png", "us/philips-epiq-cine.dcm.compare.png",
                "us/philips-epiq-jpeg.dcm.compare.png", "us/siemens-s2000.dcm.compare.png" },
            pngs.Select(p => p.Replace('\\', '/')).ToArray());
        // the passed file has no preview and is still a byte-identical copy
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "ct", "axial-0001.dcm")), File.ReadAllBytes(Path.Combine(_root, "out", "ct", "axial-0001.dcm")));
    }
}
