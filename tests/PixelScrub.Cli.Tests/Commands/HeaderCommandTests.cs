using PixelScrub.Dicom;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>`clean --header SPEC --param NAME=VALUE`, `header show SPEC`, `rules check` on header scripts.</summary>
public sealed class HeaderCommandTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-cli-header-");

    public void Dispose() => _root.Dispose();

    private string Script(string body)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + ".script");
        File.WriteAllText(path, $"<script>\n <p t=\"UIDROOT\">9999</p>\n{body}\n</script>\n");
        return path;
    }

    /// <summary>Removes everything not scripted (so rules that read the header would see nothing if they ran after it).</summary>
    private string StrictScript() => Script(
        " <e en=\"T\" t=\"00100010\" n=\"PatientName\">@hash(this,10)</e>\n" +
        " <e en=\"T\" t=\"00080018\" n=\"SOPInstanceUID\">@hashuid(@UIDROOT,this)</e>\n" +
        " <e en=\"T\" t=\"00120062\" n=\"PatientIdentityRemoved\">@always()YES</e>\n" +
        " <r en=\"T\" t=\"unspecifiedelements\">Remove unchecked elements</r>");

    [Fact]
    public void A_header_script_that_does_not_parse_exits_2_with_file_line_column_before_any_file_is_touched()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var bad = Script(" <e en=\"T\" t=\"00100010\">@hash(this,10</e>");
        var output = Path.Combine(_root, "out");
        var (code, _, err) = CliRunner.Run("clean", input, "--out", output, "--header", bad);
        Assert.Equal(2, code);
        Assert.Contains($"{bad}:3:", err);
        Assert.Contains("not closed", err);
        Assert.False(Directory.Exists(output));

        var (checkCode, checkOut, checkErr) = CliRunner.Run("rules", "check", bad);
        Assert.Equal(2, checkCode);
        Assert.Contains($"{bad}:3:", checkErr + checkOut);
    }

    [Fact]
    public void Param_without_header_and_an_unknown_spec_are_usage_errors()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        Assert.Equal(2, CliRunner.Run("clean", input, "--out", Path.Combine(_root, "o1"), "--param", "UIDROOT=1.2").Code);
        Assert.Equal(2, CliRunner.Run("clean", input, "--out", Path.Combine(_root, "o2"), "--header", "no-such-spec").Code);
        Assert.Equal(2, CliRunner.Run("clean", input, "--out", Path.Combine(_root, "o3"), "--header", StrictScript(), "--param", "NOEQUALS").Code);
    }

    [Fact]
    public void Clean_with_header_rewrites_every_file_after_rules_judged_the_original_header()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var plain = Path.Combine(_root, "plain");
        var (c0, _, e0) = CliRunner.Run("clean", input, "--out", plain, "--jobs", "2", "--text", "off");
        Assert.True(c0 == 0, e0);
        var deid = Path.Combine(_root, "deid");
        var (c1, _, e1) = CliRunner.Run("clean", input, "--out", deid, "--jobs", "2", "--text", "off", "--header", StrictScript(), "--param", "UIDROOT=2.25");
        Assert.True(c1 == 0, e1);

        var plainFiles = Directory.GetFiles(plain, "*.dcm", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(plain, f)).Order().ToList();
        var deidFiles = Directory.GetFiles(deid, "*.dcm", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(deid, f)).Order().ToList();
        Assert.Equal(plainFiles, deidFiles); // the same files passed/cleaned: the rules saw the original header
        int cleaned = 0;
        foreach (var rel in deidFiles)
        {
            using var original = DicomFile.Open(Path.Combine(input, rel));
            using var before = DicomFile.Open(Path.Combine(plain, rel));
            using var after = DicomFile.Open(Path.Combine(deid, rel));
            var ds = after.Dataset;
            Assert.Equal("YES", ds.GetString(new DicomTag(0x0012, 0x0062)));
            Assert.StartsWith("2.25.", ds.GetString(new DicomTag(0x0008, 0x0018)));
            Assert.Equal(ds.GetString(new DicomTag(0x0008, 0x0018)), after.Meta.GetString(new DicomTag(0x0002, 0x0003)));
            Assert.False(ds.Contains(new DicomTag(0x0010, 0x0020))); // PatientID: not scripted, removed
            Assert.NotEqual(original.Dataset.GetString(new DicomTag(0x0010, 0x0010)), ds.GetString(new DicomTag(0x0010, 0x0010)));
            bool pixelsCleaned = !File.ReadAllBytes(Path.Combine(input, rel)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(plain, rel)));
            if (pixelsCleaned)
            {
                cleaned++;
                var codes = ds.GetItems(new DicomTag(0x0012, 0x0064))!.Select(i => i.GetString(new DicomTag(0x0008, 0x0100)));
                Assert.Contains("113101", codes);
                Assert.Equal("NO", ds.GetString(new DicomTag(0x0028, 0x0301)));
            }
        }

        Assert.True(cleaned >= 2, "the demo set has files whose pixels are cleaned");
        var report = File.ReadAllText(deid + ".report.jsonl");
        Assert.Contains("header: CTP script", report);
    }

    [Fact]
    public void Header_show_prints_the_resolved_actions_parameters_and_untouched_phi()
    {
        var script = Script(" <e en=\"T\" t=\"00100010\" n=\"PatientName\">@hash(this,10)</e>\n <e en=\"T\" t=\"00081120\">@keep()</e>");
        var (code, stdout, stderr) = CliRunner.Run("header", "show", script, "--param", "UIDROOT=1.2.3");
        Assert.True(code == 0, stderr);
        Assert.Contains("@UIDROOT  1.2.3", stdout);
        Assert.Contains("(0010,0010) PatientName", stdout);
        Assert.Contains("@hash(this,10)", stdout);
        Assert.Contains("(0010,0020) Patient ID: PS3.15 Basic Profile says", stdout); // not scripted: left untouched
        Assert.Contains("(0008,1120) Referenced Patient Sequence: PS3.15 Basic Profile says", stdout);
        Assert.Contains("keeps it whole", stdout);
    }
}
