using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;
using PixelScrub.Text;

namespace PixelScrub.Tests.Text;

/// <summary>Issue 11, done means 3: `--text verify` is the safety net for a rule that does not cover the text.</summary>
public sealed class VerifyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-verify-" + Guid.NewGuid().ToString("N"));

    private static RuleSet Band(int height) => RuleSet.Parse(
        $"FORMAT dicom\n\n%filter graylist\n\nLABEL Siemens ultrasound band\n  contains Modality US\n  coordinates 0,0,1024,{height}\n", "band.dicom");

    private BatchSummary Clean(RuleSet rules, string name, TextMode mode = TextMode.Verify)
    {
        string input = Path.Combine(_root, name, "in");
        Directory.CreateDirectory(input);
        File.Copy(SharedFiles.Corpus("deid-data/ultrasounds/RGB_IMAGE.dcm"), Path.Combine(input, "RGB_IMAGE.dcm"));
        return BatchRunner.Run(new BatchOptions
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_root, name, "out"),
            Rules = rules,
            Text = new TextOptions { Mode = mode },
            Jobs = 1,
        });
    }

    [Fact]
    public void A_band_too_short_sends_the_file_to_quarantine_with_the_text_left()
    {
        var summary = Clean(Band(20), "short");
        Assert.Equal(1, summary.Quarantined);
        Assert.False(File.Exists(Path.Combine(summary.OutputDirectory, "RGB_IMAGE.dcm")));
        string sidecar = File.ReadAllText(Path.Combine(summary.QuarantineDirectory, "RGB_IMAGE.dcm.json"));
        Assert.Contains(TextVerifyStage_Residual, sidecar);
        using var doc = System.Text.Json.JsonDocument.Parse(sidecar);
        var phi = doc.RootElement.GetProperty("text").EnumerateArray().Where(t => t.GetProperty("verdict").GetString() == "phi").ToList();
        Assert.NotEmpty(phi);
        // What is left is below the short band: the second line (ID, institution).
        Assert.All(phi, t => Assert.True(int.Parse(t.GetProperty("box").GetString()!.Split(',')[3]) > 20));
        Assert.Contains(phi, t => t.GetProperty("text").GetString()!.Contains("CLEVELAND", StringComparison.Ordinal));
    }

    [Fact]
    public void The_right_band_passes_verification()
    {
        var summary = Clean(Band(60), "right");
        Assert.Equal(1, summary.Cleaned);
        Assert.True(File.Exists(Path.Combine(summary.OutputDirectory, "RGB_IMAGE.dcm")));
    }

    [Fact]
    public void Without_verification_the_short_band_is_written()
    {
        var summary = Clean(Band(20), "off", TextMode.Off);
        Assert.Equal(1, summary.Cleaned);
    }

    private const string TextVerifyStage_Residual = "residual PHI text";

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }
}
