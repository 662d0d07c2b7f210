using System.Diagnostics;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>
/// Issue 10's hostile inputs for the commands other than clean's paths: each ends in a clear one-line error and the
/// right exit code, never a stack trace, a stack overflow or unbounded memory.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-hostile-");

    public void Dispose() => _root.Dispose();

    private static void AssertOneLineError(string err, string expected)
    {
        Assert.Contains(expected, err);
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Unhandled exception", err);
    }

    [Fact]
    public void Dump_of_a_folder_is_a_usage_error_not_an_unhandled_exception()
    {
        foreach (var json in new[] { false, true })
        {
            var (code, _, err) = json ? CliRunner.Run("dump", "--json", _root) : CliRunner.Run("dump", _root);
            Assert.Equal(2, code);
            AssertOneLineError(err, $"error: {_root} is a folder");
        }
    }

    [Theory]
    [InlineData("preview")]
    [InlineData("demo")]
    public void Out_naming_a_file_is_a_usage_error_and_the_file_is_untouched(string command)
    {
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "keep me");
        var (code, _, err) = command == "demo"
            ? CliRunner.Run("demo", "--out", file)
            : CliRunner.Run("preview", SharedFiles.Corpus("pydicom/CT_small.dcm"), "--out", file);
        Assert.Equal(2, code);
        AssertOneLineError(err, $"error: --out {file} is a file");
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("detect", "0")]
    [InlineData("detect", "-1")]
    [InlineData("clean", "0")]
    [InlineData("clean", "-1")]
    public void Jobs_below_one_is_a_usage_error_naming_the_option(string command, string jobs)
    {
        var input = SharedFiles.Corpus("pydicom/CT_small.dcm");
        var (code, _, err) = command == "clean"
            ? CliRunner.Run("clean", input, "--out", Path.Combine(_root, "out"), "--jobs", jobs)
            : CliRunner.Run("detect", input, "--jobs", jobs);
        Assert.Equal(2, code);
        AssertOneLineError(err, $"--jobs must be at least 1, not {jobs}");
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public void Rules_check_accepts_a_percent_filter_group_only_when_the_policy_knows_it()
    {
        var recipe = Path.Combine(_root, "typo.dicom");
        File.WriteAllText(recipe, "FORMAT dicom\n\n%filter graylsit\nLABEL Any CT\n  contains Modality CT\n  coordinates 0,0,10,10\n");
        var (code, _, err) = CliRunner.Run("rules", "check", recipe);
        Assert.Equal(2, code);
        AssertOneLineError(err, $"{recipe}:3:9: error: unknown %filter group 'graylsit'");
        Assert.Contains("pass groups (whitelist) and flag groups (blacklist, graylist, greylist)", err);

        (code, _, err) = CliRunner.Run("detect", SharedFiles.Corpus("pydicom/CT_small.dcm"), "--rules", recipe);
        Assert.Equal(2, code);
        Assert.Contains("unknown %filter group 'graylsit'", err);

        (code, var stdout, err) = CliRunner.Run("rules", "check", recipe, "--flag-group", "graylsit");
        Assert.True(code == 0, err);
        Assert.Contains($"{recipe}: ok", stdout);
        (code, stdout, err) = CliRunner.Run("detect", SharedFiles.Corpus("pydicom/CT_small.dcm"), "--rules", recipe, "--flag-group", "graylsit", "--format", "jsonl");
        Assert.True(code == 0, err);
        Assert.Contains("\"graylsit\"", stdout);
    }

    [Theory]
    [InlineData("coordinates 0,0,-10,10", "negative coordinate")]
    [InlineData("coordinates 10,0,5,10", "inverted (xmax < xmin)")]
    public void Rules_check_refuses_negative_or_inverted_deid_coordinates_with_file_line_column(string line, string reason)
    {
        var recipe = Path.Combine(_root, "box.dicom");
        File.WriteAllText(recipe, $"FORMAT dicom\n%filter graylist\nLABEL box\n  contains Modality CT\n  {line}\n");
        var (code, _, err) = CliRunner.Run("rules", "check", recipe);
        Assert.Equal(2, code);
        AssertOneLineError(err, $"{recipe}:5:15: error: '{line}'");
        Assert.Contains(reason, err);
        (code, _, err) = CliRunner.Run("clean", SharedFiles.Corpus("pydicom/CT_small.dcm"), "--out", Path.Combine(_root, "out"), "--rules", recipe);
        Assert.Equal(2, code);
        Assert.Contains(reason, err);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")), "a bad rule file stops everything before any file is touched");
    }

    [Fact]
    public void Rule_file_of_3_GB_is_refused_with_exit_2_not_out_of_memory()
    {
        var huge = Path.Combine(_root, "huge.script");
        using (var fs = new FileStream(huge, FileMode.CreateNew)) fs.SetLength(3L << 30);   // sparse: no disk used
        var (code, _, err) = CliRunner.Run("detect", SharedFiles.Corpus("pydicom/CT_small.dcm"), "--rules", huge);
        Assert.Equal(2, code);
        AssertOneLineError(err, $"error: {huge}:1:1: the rule file is 3221225472 bytes; rule files above 16 MiB are refused");
        (code, _, err) = CliRunner.Run("rules", "check", huge);
        Assert.Equal(2, code);
        AssertOneLineError(err, "rule files above 16 MiB are refused");
    }

    [Fact]
    public void Huge_lookup_table_allow_list_pattern_file_and_key_file_exit_2_naming_the_file_and_the_limit()
    {
        var huge = Path.Combine(_root, "huge.txt");
        using (var fs = new FileStream(huge, FileMode.CreateNew)) fs.SetLength(3L << 30);   // sparse: no disk used
        var script = Path.Combine(_root, "lookup.script");
        File.WriteAllText(script, "<script>\n<e en=\"T\" t=\"00100020\">@lookup(this,ptid)</e>\n</script>\n");
        var input = SharedFiles.Corpus("pydicom/CT_small.dcm");
        var output = Path.Combine(_root, "out");
        (string[] Args, string Expected)[] cases =
        [
            (["--header", script, "--lookup-table", huge], $"error: {huge}:1:1: the lookup table is 3221225472 bytes; lookup tables above 64 MiB are refused"),
            (["--text", "verify", "--text-allow", huge], $"error: {huge}:1:1: the allow-list is 3221225472 bytes; allow-lists above 16 MiB are refused"),
            (["--text", "verify", "--text-patterns", huge], $"error: {huge}:1:1: the pattern file is 3221225472 bytes; pattern files above 16 MiB are refused"),
            (["--header", "ps3.15-basic", "--param", "key-file=" + huge], $"error: cannot read the key file {huge}: the key file is 3221225472 bytes; key files above 64 KiB are refused"),
        ];
        foreach (var (args, expected) in cases)
        {
            var (code, _, err) = CliRunner.Run(["clean", input, "--out", output, .. args]);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}: {err}");
            AssertOneLineError(err, expected);
            Assert.Single(err.Trim().Split('\n'));
            Assert.False(Directory.Exists(output), "the run went on");
        }
    }

    [Theory]
    [InlineData("(", 20_000)]
    [InlineData("!", 40_000)]
    public void Deeply_nested_ctp_script_is_a_rule_error_with_position_not_a_stack_overflow(string open, int count)
    {
        var script = Path.Combine(_root, "deep.script");
        string closing = open == "(" ? new string(')', count) : "";
        File.WriteAllText(script, $"deep\n{{ {string.Concat(Enumerable.Repeat(open, count))}Modality.equals(\"CT\"){closing} }} (0,0,10,10)\n");
        var (code, _, err) = CliRunner.Run("rules", "check", script);
        Assert.Equal(2, code);
        AssertOneLineError(err, $"{script}:2:259: error: expression nested deeper than 256 levels");
    }

    [Fact]
    public void Deflate_bomb_dump_detect_and_clean_stay_under_300_MB_with_a_clear_error_and_no_temp_files_left()
    {
        var bomb = Path.Combine(_root, "bomb.dcm");
        DeflatedFiles.WritePixelBomb(bomb, 0xFFFFFFF0, 1L << 30);   // about 1 MB on disk, 1 GiB inflated
        Assert.True(new FileInfo(bomb).Length < 4 << 20);
        var tmp = Directory.CreateDirectory(Path.Combine(_root, "tmp")).FullName;

        var dump = RunMeasured(tmp, "dump", bomb);
        Assert.Equal(1, dump.Code);
        AssertOneLineError(dump.Err, $"error: {bomb}: deflated dataset inflates past");
        Assert.Contains("(tag (7FE0,0010) at offset", dump.Err);
        Assert.True(dump.PeakKb < 300 * 1024, $"dump peaked at {dump.PeakKb / 1024} MB");

        var detect = RunMeasured(tmp, "detect", bomb, "--format", "jsonl");
        Assert.Equal(0, detect.Code);
        Assert.Contains("\"decision\"", detect.Out);
        Assert.True(detect.PeakKb < 300 * 1024, $"detect peaked at {detect.PeakKb / 1024} MB");

        // clean with a rule that cleans it must read the pixel data whole: the bomb fails that file (exit 1), which is
        // quarantined unchanged beside its sidecar, and the run ends normally.
        var recipe = Path.Combine(_root, "all.dicom");
        File.WriteAllText(recipe, "FORMAT dicom\n\n%filter graylist\n\nLABEL Everything 16 rows high\n  equals Rows 16\n  coordinates all\n");
        var output = Path.Combine(_root, "out");
        var clean = RunMeasured(tmp, "clean", bomb, "--out", output, "--rules", recipe);
        Assert.True(clean.Code == 1, $"exit {clean.Code}: {clean.Err}");
        Assert.DoesNotContain("   at ", clean.Err + clean.Out);
        Assert.True(clean.PeakKb < 300 * 1024, $"clean peaked at {clean.PeakKb / 1024} MB");
        var quarantined = Path.Combine(output + ".quarantine", "bomb.dcm");
        Assert.Equal(File.ReadAllBytes(bomb), File.ReadAllBytes(quarantined));
        Assert.Contains("inflates past", File.ReadAllText(quarantined + ".json"));
        Assert.False(File.Exists(Path.Combine(output, "bomb.dcm")));

        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    /// <summary>Runs the built CLI in a child process under GNU time with TMPDIR set; returns its peak resident size.</summary>
    private static (int Code, string Out, string Err, long PeakKb) RunMeasured(string tmpDir, params string[] args)
    {
        var psi = new ProcessStartInfo(ReferenceTool.Require("time"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-f", "peak-kb %M", "dotnet", Path.Combine(AppContext.BaseDirectory, "pixelscrub.dll") }.Concat(args)) psi.ArgumentList.Add(a);
        psi.Environment["TMPDIR"] = tmpDir;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
            throw new TimeoutException($"pixelscrub {string.Join(' ', args)} did not finish in 2 minutes");
        }

        var err = stderr.Result;
        var peakLine = err.Split('\n').Last(l => l.StartsWith("peak-kb ", StringComparison.Ordinal));
        long peak = long.Parse(peakLine["peak-kb ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return (p.ExitCode, stdout.Result, err.Replace(peakLine, "", StringComparison.Ordinal), peak);
    }

    [Fact]
    public void A_manifest_line_longer_than_the_limit_is_a_usage_error_for_clean_and_report_merge_naming_file_and_line()
    {
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(input);
        var manifest = Path.Combine(_root, "long.manifest");
        File.WriteAllText(manifest, $"# pixelscrub manifest 1\n# root: {input}\n# follow-links: no\n10\t{new string('a', 70_000)}\n# end: 1 files, 10 bytes\n");
        var expected = $"error: {manifest}:4: a line longer than 65,536 characters; manifest lines above 65,536 characters are refused";

        var (code, _, err) = CliRunner.Run("clean", "--files-from", manifest, "--out", Path.Combine(_root, "out"));
        Assert.Equal(2, code);
        AssertOneLineError(err, expected);

        (code, _, err) = CliRunner.Run("report", "merge", Path.Combine(_root, "out"), "--shards", "1", "--files-from", manifest);
        Assert.Equal(2, code);
        AssertOneLineError(err, expected);
    }
}
