using System.Text.Json;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>`--fill blur` exists only in the JPEG DCT domain; on other data it once filled black with no word said.</summary>
public sealed class CleanFillBlurTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-blur-");

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("blur", true)]
    [InlineData("black", false)]
    public void Fill_blur_on_native_data_is_noted_in_the_report(string fill, bool noted)
    {
        var input = SharedFiles.Corpus("deid-data/ultrasounds/GREYSCALE_IMAGE.dcm");   // native MONOCHROME2; deid.dicom cleans 0,0,1024,49
        var output = Path.Combine(_root, "out-" + fill);
        var (code, _, err) = CliRunner.Run("clean", input, "--out", output, "--rules", SharedFiles.Rules("deid/deid.dicom"), "--fill", fill, "--text", "off");
        Assert.True(code == 0, err);

        var row = JsonDocument.Parse(File.ReadLines(output + ".report.jsonl").Single()).RootElement;
        Assert.Equal("cleaned", row.GetProperty("status").GetString());
        string notes = row.GetProperty("notes").ToString();
        Assert.Equal(noted, notes.Contains("--fill blur applies to JPEG Baseline/Extended only: this native pixel data was filled black", StringComparison.Ordinal));
    }
}
