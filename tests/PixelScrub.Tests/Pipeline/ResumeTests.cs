using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;
using PixelScrub.Text;

namespace PixelScrub.Tests.Pipeline;

public sealed class ResumeTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-resume-");

    public void Dispose() => _root.Dispose();

    /// <summary>Rules only: these tests are about what the ledger remembers, and text verification would only add OCR time.</summary>
    private BatchOptions Options(string? report = null) => new()
    {
        Inputs = [Path.Combine(_root, "in")],
        OutputDirectory = Path.Combine(_root, "out"),
        Rules = RuleSet.Defaults,
        ReportPath = report,
        Jobs = 2,
        Text = TextOptions.Off,
    };

    /// <summary>One plain CT image in the input: triage does not read it, so no OCR runs and the ledger key alone decides what is redone.</summary>
    private void WriteOnePlainCt()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        foreach (var f in Directory.GetFiles(input, "*.dcm", SearchOption.AllDirectories).Where(f => !f.EndsWith("axial-0001.dcm", StringComparison.Ordinal)))
        {
            File.Delete(f);
        }
    }

    [Fact]
    public void A_rerun_skips_files_already_done_and_redoes_changed_ones()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        int samples = Directory.GetFiles(Path.Combine(_root, "in"), "*.dcm", SearchOption.AllDirectories).Length;
        var first = BatchRunner.Run(Options());
        Assert.Equal(samples, first.Total);
        Assert.Equal(0, first.Skipped);

        // each ledger line holds the SHA-256 of its input, whether it was hashed while copied (passed, quarantined) or after (cleaned)
        var ledger = File.ReadAllLines(Path.Combine(_root, "out", Ledger.FileName))
            .Select(l => System.Text.Json.JsonSerializer.Deserialize(l, PipelineJson.Default.LedgerEntry)!).ToList();
        Assert.Equal(samples, ledger.Count);
        Assert.Contains(ledger, e => e.Status == nameof(FileStatus.Passed));
        Assert.Contains(ledger, e => e.Status == nameof(FileStatus.Cleaned));
        Assert.Contains(ledger, e => e.Status == nameof(FileStatus.Quarantined));
        foreach (var e in ledger)
        {
            var input = Path.Combine(_root, "in", e.Path);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(input))), e.Sha256);
        }

        var second = BatchRunner.Run(Options());
        Assert.Equal(samples, second.Skipped);

        // change one input: it is done again
        var changed = Path.Combine(_root, "in", "ct", "axial-0001.dcm");
        var file = DicomFile.Open(changed);
        file.Dataset.SetString(new DicomTag(0x0020, 0x0013), DicomVR.IS, "2");
        Dicom.IO.DicomWriter.WriteFile(file, changed);
        var third = BatchRunner.Run(Options());
        Assert.Equal(samples - 1, third.Skipped);
        Assert.Equal(1, third.Passed);
    }

    [Fact]
    public void Csv_report_has_one_row_per_file_with_the_columns()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        var csv = Path.Combine(_root, "report.csv");
        BatchRunner.Run(Options(csv));
        var lines = File.ReadAllLines(csv);
        Assert.Equal("input,output,decision,group,label,regions,status,reason,bytes,milliseconds,method,pixelsCleaned,notes,text", lines[0]);
        Assert.Equal(1 + Directory.GetFiles(Path.Combine(_root, "in"), "*.dcm", SearchOption.AllDirectories).Length, lines.Length);
        Assert.Contains(lines, l => l.Contains("dose-report.dcm") && l.Contains(",cleaned,") && l.Contains("0,0,512,110"));
        Assert.Contains(lines, l => l.Contains("scanned-document.dcm") && l.Contains(",quarantined,"));
    }

    [Fact]
    public void A_rerun_with_other_rules_fill_icons_overlays_burned_in_flag_or_transcode_redoes_the_files()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        int samples = Directory.GetFiles(Path.Combine(_root, "in"), "*.dcm", SearchOption.AllDirectories).Length;
        var dose = Path.Combine(_root, "out", "ct", "dose-report.dcm");
        BatchRunner.Run(Options());
        var black = File.ReadAllBytes(dose);
        Assert.Equal(samples, BatchRunner.Run(Options()).Skipped);

        var gray = Options() with { Clean = new CleanOptions { Fill = FillMode.Gray } };
        Assert.Equal(0, BatchRunner.Run(gray).Skipped);
        Assert.NotEqual(black, File.ReadAllBytes(dose));       // the stale black output was replaced
        Assert.Equal(samples, BatchRunner.Run(gray).Skipped);

        BatchOptions[] others =
        [
            Options() with { Clean = new CleanOptions { Icons = IconPolicy.Regenerate } },
            Options() with { Clean = new CleanOptions { Overlays = OverlayPolicy.Clean } },
            Options() with { Clean = new CleanOptions { SetBurnedInAnnotation = true } },
            Options() with { Transcode = TranscodeOptions.Decompress() },
            Options() with { Rules = RuleSet.Load(Tests.Support.SharedFiles.Rules("ctp/DicomPixelAnonymizer.script")) },
        ];
        foreach (var other in others) Assert.Equal(0, BatchRunner.Run(other).Skipped);
    }

    [Fact]
    public void A_rerun_after_one_rule_changed_redoes_the_files_and_the_same_rules_moved_elsewhere_do_not()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        int samples = Directory.GetFiles(Path.Combine(_root, "in"), "*.dcm", SearchOption.AllDirectories).Length;
        var text = RuleSet.Defaults.Show();
        var rules = Path.Combine(_root, "a", "rules.dicom");
        Directory.CreateDirectory(Path.GetDirectoryName(rules)!);
        File.WriteAllText(rules, text);
        BatchOptions With(string path) => Options() with { Rules = RuleSet.Load(path) };
        Assert.Equal(0, BatchRunner.Run(With(rules)).Skipped);
        Assert.Equal(samples, BatchRunner.Run(With(rules)).Skipped);

        // the same file in another folder: the same rules
        var moved = Path.Combine(_root, "b", "rules.dicom");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        File.Copy(rules, moved);
        Assert.Equal(samples, BatchRunner.Run(With(moved)).Skipped);

        // one coordinate of one rule, one digit: every file is done again
        int at = text.IndexOf("coordinates 0,0,512,121", StringComparison.Ordinal);
        Assert.True(at >= 0, "the built-in rules no longer have the coordinates this test edits");
        File.WriteAllText(moved, text.Remove(at, "coordinates 0,0,512,121".Length).Insert(at, "coordinates 0,0,512,122"));
        Assert.Equal(0, BatchRunner.Run(With(moved)).Skipped);
        Assert.Equal(samples, BatchRunner.Run(With(moved)).Skipped);
    }

    [Fact]
    public void A_rerun_with_a_changed_allow_list_or_pattern_file_or_other_text_settings_redoes_the_files()
    {
        WriteOnePlainCt();
        var allow = Path.Combine(_root, "allow.txt");
        var patterns = Path.Combine(_root, "patterns.txt");
        File.WriteAllText(allow, "MHz\nTIS\n");
        File.WriteAllText(patterns, "date \\d{4}-\\d{2}-\\d{2}\n");
        BatchOptions Verify(TextOptions? text = null) => Options() with
        {
            Text = text ?? new TextOptions { Mode = TextMode.Verify },
            TextJudge = new PhiJudge(new TextJudgeOptions { Allow = TextAllowList.Load(allow), Patterns = TextPatterns.Load(patterns) }),
        };

        Assert.Equal(0, BatchRunner.Run(Verify()).Skipped);
        Assert.Equal(1, BatchRunner.Run(Verify()).Skipped);              // the same files' contents: done before

        File.AppendAllText(allow, "cm\n");                               // the same path, other content
        Assert.Equal(0, BatchRunner.Run(Verify()).Skipped);
        Assert.Equal(1, BatchRunner.Run(Verify()).Skipped);

        File.AppendAllText(patterns, "id \\d{9}\n");
        Assert.Equal(0, BatchRunner.Run(Verify()).Skipped);
        Assert.Equal(1, BatchRunner.Run(Verify()).Skipped);

        TextOptions[] others =
        [
            new() { Mode = TextMode.Redact },
            new() { Mode = TextMode.Verify, Triage = TextTriage.Default with { All = true } },
            new() { Mode = TextMode.Verify, Padding = 5 },
            new() { Mode = TextMode.Verify, HoldGroups = new HashSet<string>(["graylist"]) },
        ];
        foreach (var other in others)
        {
            Assert.Equal(0, BatchRunner.Run(Verify(other)).Skipped);
            Assert.Equal(1, BatchRunner.Run(Verify(other)).Skipped);
        }

        Assert.Equal(0, BatchRunner.Run(Options()).Skipped);              // text off again: redone too
    }

    /// <summary>
    /// The library's side (the CLI's is CleanTextDefaultTests): options that leave the text setting out get verify, and a
    /// file done with text off is not done under it. (Verify to off is in the test above.)
    /// </summary>
    [Fact]
    public void The_default_text_setting_is_verify_and_files_done_with_text_off_are_redone_under_it()
    {
        WriteOnePlainCt();
        var byDefault = new BatchOptions { Inputs = [Path.Combine(_root, "in")], OutputDirectory = Path.Combine(_root, "out"), Rules = RuleSet.Defaults, Jobs = 1 };
        Assert.Equal(TextMode.Verify, byDefault.Text.Mode);

        var off = byDefault with { Text = TextOptions.Off };
        Assert.Equal(0, BatchRunner.Run(off).Skipped);
        Assert.Equal(1, BatchRunner.Run(off).Skipped);
        Assert.Equal(0, BatchRunner.Run(byDefault).Skipped);              // done under off, not under the default
        Assert.Equal(1, BatchRunner.Run(byDefault with { Text = new TextOptions { Mode = TextMode.Verify } }).Skipped); // the default is verify's key
    }
}
