using System.Text.Json;
using PixelScrub.Cli;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

public sealed class DumpCommandJsonTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.BuildRoot(stdout, stderr).Parse(args).Invoke();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Json_GivesTheModelWithBulkDataUris()
    {
        var path = SharedFiles.Corpus("pydicom/CT_small.dcm");
        var (exit, output, error) = Run("dump", "--json", path);
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("CompressedSamples^CT1", json.GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
        Assert.StartsWith("file://", json.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_BulkDataOmit_LeavesOnlyTheVr()
    {
        var (exit, output, error) = Run("dump", "--json", "--bulk-data", "omit", "--header-only", SharedFiles.Corpus("pydicom/MR_small.dcm"));
        Assert.True(exit == 0, error);
        var pixels = JsonDocument.Parse(output).RootElement.GetProperty("7FE00010");
        Assert.Equal("OW", pixels.GetProperty("vr").GetString());
        Assert.False(pixels.TryGetProperty("BulkDataURI", out _));
    }

    [Fact]
    public void Json_OfATruncatedFile_FailsWithTheOffset()
    {
        var (exit, _, error) = Run("dump", "--json", SharedFiles.Corpus("pydicom/MR_truncated.dcm"));
        Assert.Equal(1, exit);
        Assert.Contains("offset", error, StringComparison.Ordinal);
    }
}
