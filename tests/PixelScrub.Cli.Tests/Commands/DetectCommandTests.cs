using System.Text.Json;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

public sealed class DetectCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-detect-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public void Json_output_has_the_fixed_shape_with_converted_coordinates()
    {
        var (code, stdout, err) = CliRunner.Run("detect", SharedFiles.Corpus("deid-data/ultrasounds"), "--rules", SharedFiles.Rules("deid/deid.dicom"), "--format", "json");
        Assert.True(code == 0, err);
        var array = JsonDocument.Parse(stdout).RootElement;
        var grey = array.EnumerateArray().Single(e => e.GetProperty("file").GetString()!.EndsWith("GREYSCALE_IMAGE.dcm"));
        Assert.True(grey.GetProperty("flagged").GetBoolean());
        Assert.Equal("clean", grey.GetProperty("decision").GetString());
        var result = grey.GetProperty("results").EnumerateArray().First(r => r.GetProperty("coordinates").GetArrayLength() > 0);
        Assert.Equal("graylist", result.GetProperty("group").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("label").GetString()));
        Assert.Contains("Modality", result.GetProperty("reason").GetString());
        var coordinate = result.GetProperty("coordinates")[0];
        Assert.Equal(0, coordinate[0].GetInt32());
        Assert.Equal("0,0,1024,49", coordinate[1].GetString());
        Assert.Contains("detect summary", err);  // the summary goes to stderr, stdout stays JSON
    }

    [Fact]
    public void Jsonl_and_csv_give_one_line_per_file_and_unreadable_files_are_quarantine_with_an_error()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not DICOM");
        var (code, stdout, _) = CliRunner.Run("detect", input, "--format", "jsonl");
        Assert.Equal(0, code); // not DICOM: set aside for review, as clean does; broken DICOM would exit 1
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(7, lines.Count);
        var text = lines.Single(l => l.GetProperty("file").GetString()!.EndsWith("notes.txt"));
        Assert.Equal("quarantine", text.GetProperty("decision").GetString());
        Assert.Contains("not a DICOM file", text.GetProperty("error").GetString());

        (_, stdout, _) = CliRunner.Run("detect", input, "--format", "csv");
        var csv = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("file,flagged,decision,group,label,reason,coordinates,error", csv[0]);
        Assert.Equal(8, csv.Length);
    }

    [Fact]
    public void Rules_check_reports_file_line_and_column_and_exits_2()
    {
        Directory.CreateDirectory(_root);
        var bad = Path.Combine(_root, "bad.dicom");
        File.WriteAllText(bad, "FORMAT dicom\n\n%filter graylist\n\nLABEL Broken\n  contains Modality US\n  coordinates 0,0,ten,20\n");
        var (code, _, err) = CliRunner.Run("rules", "check", bad);
        Assert.Equal(2, code);
        Assert.Contains("bad.dicom:7:", err);

        (code, var stdout, _) = CliRunner.Run("rules", "check", SharedFiles.Rules("deid/deid.dicom"), SharedFiles.Rules("ctp/DicomPixelAnonymizer.script"));
        Assert.Equal(0, code);
        Assert.Contains("0 error(s)", stdout);
    }

    [Fact]
    public void Rules_show_output_loads_again_with_the_same_rule_count()
    {
        Directory.CreateDirectory(_root);
        var (code, stdout, _) = CliRunner.Run("rules", "show", SharedFiles.Rules("ctp/DicomPixelAnonymizer.script"));
        Assert.Equal(0, code);
        var shown = Path.Combine(_root, "shown.script");
        File.WriteAllText(shown, stdout);
        Assert.Equal(PixelScrub.Rules.RuleSet.Load(SharedFiles.Rules("ctp/DicomPixelAnonymizer.script")).RuleCount, PixelScrub.Rules.RuleSet.Load(shown).RuleCount);
    }
}
