using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Samples;

namespace PixelScrub.Cli.Tests.Commands;

public sealed class CleanCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    /// <summary>Many copies of the demo samples, so a run lasts long enough to be killed in the middle.</summary>
    private string MakeInputs(int copies)
    {
        var template = Path.Combine(_root, "template");
        DemoSamples.Write(template);
        var input = Path.Combine(_root, "in");
        var files = Directory.GetFiles(template, "*.dcm", SearchOption.AllDirectories);
        for (int i = 0; i < copies; i++)
        {
            foreach (var f in files)
            {
                var dest = Path.Combine(input, $"batch{i:D3}", Path.GetRelativePath(template, f));
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(f, dest);
            }
        }

        return input;
    }

    /// <summary>Rules only (--text off): the batch's checkpoints are under test, and 360 files of OCR would only add time.</summary>
    [Fact]
    public void A_killed_batch_leaves_no_partial_file_and_a_rerun_completes_it()
    {
        var input = MakeInputs(60);
        var reference = Path.Combine(_root, "ref");
        var (code, _, err) = CliRunner.Run("clean", input, "--out", reference, "--jobs", "2", "--text", "off");
        Assert.True(code == 0, err);

        var output = Path.Combine(_root, "out");
        var process = CliRunner.Start("clean", input, "--out", output, "--jobs", "1", "--text", "off");
        var ledger = Path.Combine(output, ".pixelscrub-ledger.jsonl");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited && (!File.Exists(ledger) || new FileInfo(ledger).Length < 2000)) Thread.Sleep(20);
        Assert.False(process.HasExited, "the batch finished before it could be killed: make it larger");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();

        // Every file in --out is complete: identical to what an uninterrupted run writes.
        var written = Directory.GetFiles(output, "*.dcm", SearchOption.AllDirectories);
        Assert.NotEmpty(written);
        Assert.True(written.Length < Directory.GetFiles(reference, "*.dcm", SearchOption.AllDirectories).Length, "nothing was left to do");
        foreach (var f in written)
        {
            var twin = Path.Combine(reference, Path.GetRelativePath(output, f));
            Assert.True(File.ReadAllBytes(twin).AsSpan().SequenceEqual(File.ReadAllBytes(f)), $"partial or different file: {f}");
        }

        (code, _, err) = CliRunner.Run("clean", input, "--out", output, "--jobs", "2", "--text", "off");
        Assert.True(code == 0, err);
        var all = Directory.GetFiles(reference, "*.dcm", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(reference, f)).Order().ToList();
        Assert.Equal(all, Directory.GetFiles(output, "*.dcm", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order().ToList());
        foreach (var rel in all) Assert.Equal(File.ReadAllBytes(Path.Combine(reference, rel)), File.ReadAllBytes(Path.Combine(output, rel)));
        Assert.False(Directory.Exists(output + ".pixelscrub-tmp"));
    }

    [Fact]
    public void Exit_code_is_1_when_a_file_fails_and_0_when_files_are_only_quarantined_by_policy()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        // Rules only: the exit code follows the statuses, whatever decided them (OCR of the ultrasounds was most of the time).
        var (code, stdout, _) = CliRunner.Run("clean", input, "--out", Path.Combine(_root, "o1"), "--text", "off");
        Assert.Equal(0, code);
        Assert.Contains("quarantined for review", stdout);

        // a DICOM file cut short inside its pixel data, that a rule asks to clean: failed, quarantined, exit 1
        var broken = Path.Combine(input, "us", "broken.dcm");
        var bytes = File.ReadAllBytes(Path.Combine(input, "us", "siemens-s2000.dcm"));
        File.WriteAllBytes(broken, bytes[..(bytes.Length / 2)]);
        (code, stdout, _) = CliRunner.Run("clean", input, "--out", Path.Combine(_root, "o2"), "--text", "off");
        Assert.Equal(1, code);
        Assert.True(File.Exists(Path.Combine(_root, "o2.quarantine", "us", "broken.dcm.json")));
        Assert.False(File.Exists(Path.Combine(_root, "o2", "us", "broken.dcm")));
    }

    [Fact]
    public void A_bad_rule_file_is_a_usage_error_and_nothing_is_processed()
    {
        var rules = Path.Combine(_root, "bad.script");
        Directory.CreateDirectory(_root);
        File.WriteAllText(rules, "{ Modality.equals(\"US\") \n (0,0,10,10)");
        var (code, _, err) = CliRunner.Run("clean", _root, "--out", Path.Combine(_root, "o"), "--rules", rules);
        Assert.Equal(2, code);
        Assert.Contains("bad.script:", err);
        Assert.False(Directory.Exists(Path.Combine(_root, "o")));
    }

    [Theory]
    [InlineData("clean")]
    [InlineData("clean", "somewhere")]
    [InlineData("clean", "x", "--out", "y", "--fill", "purple")]
    [InlineData("detect", "x", "--format", "xml")]
    [InlineData("no-such-command")]
    public void A_command_line_that_does_not_parse_is_a_usage_error(params string[] args)
    {
        var (code, _, err) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("error:", err);
    }

    [Fact]
    public void Set_burned_in_annotation_marks_cleaned_files()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var (code, _, err) = CliRunner.Run("clean", input, "--out", Path.Combine(_root, "o"), "--set-burned-in-annotation", "--text", "off");
        Assert.True(code == 0, err);
        var cleaned = DicomFile.Open(Path.Combine(_root, "o", "ct", "dose-report.dcm"));
        Assert.Equal("NO", cleaned.Dataset.GetString(new DicomTag(0x0028, 0x0301)));
        var passed = Path.Combine(_root, "o", "ct", "axial-0001.dcm");
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "ct", "axial-0001.dcm")), File.ReadAllBytes(passed));
    }
}
