using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>`clean` refuses, before touching any file, what would lose data; and one output folder takes one run at a time.</summary>
public sealed class CleanSafetyTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-cli-safety-");

    public void Dispose() => _root.Dispose();

    private string Input()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        return input;
    }

    [Fact]
    public void A_report_naming_an_input_exits_2_with_one_line_and_the_input_is_unchanged()
    {
        var input = Path.Combine(Input(), "ct", "axial-0001.dcm");
        var before = File.ReadAllBytes(input);
        var (code, stdout, stderr) = CliRunner.Run("clean", input, "--out", Path.Combine(_root, "out"), "--report", input);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: the report", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public void Out_naming_a_file_exits_2_without_a_stack_trace()
    {
        var file = Path.Combine(_root, "file");
        File.WriteAllText(file, "x");
        var (code, stdout, stderr) = CliRunner.Run("clean", Input(), "--out", file);
        Assert.Equal(2, code);
        Assert.Contains("is a file, not a folder", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
    }

    [Fact]
    public void Inputs_with_the_same_name_exit_2_naming_both_and_layout_full_path_keeps_them_apart()
    {
        var input = Input();
        var a = Path.Combine(input, "ct", "axial-0001.dcm");
        var b = Path.Combine(_root, "b", "axial-0001.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(b)!);
        File.Copy(Path.Combine(input, "ct", "dose-report.dcm"), b);
        var output = Path.Combine(_root, "out");

        var (code, _, stderr) = CliRunner.Run("clean", a, b, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains(a, stderr);
        Assert.Contains(b, stderr);
        Assert.Contains("--layout full-path", stderr);

        (code, _, stderr) = CliRunner.Run("clean", a, b, "--out", output, "--layout", "full-path");
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(Path.Combine(output, a.TrimStart('/'))));
        Assert.True(File.Exists(Path.Combine(output, b.TrimStart('/'))));
    }

    [Fact]
    public void An_input_named_as_another_inputs_quarantine_sidecar_exits_2_with_one_line_naming_both()
    {
        var input = Path.Combine(Input(), "ct");
        var a = Path.Combine(input, "axial-0001.dcm");
        var b = a + ".json";
        File.Copy(a, b);
        var output = Path.Combine(_root, "out");
        var (code, stdout, stderr) = CliRunner.Run("clean", input, "--out", output);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(a + " and " + b, stderr);
        Assert.Contains("no layout keeps them apart", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_second_run_on_an_output_a_running_clean_holds_is_refused()
    {
        var template = Input();
        var input = Path.Combine(_root, "many");
        foreach (var f in Directory.GetFiles(template, "*.dcm", SearchOption.AllDirectories))
        {
            for (int i = 0; i < 400; i++)
            {
                var dest = Path.Combine(input, $"copy{i:D3}", Path.GetRelativePath(template, f));
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(f, dest);
            }
        }

        var output = Path.Combine(_root, "out");
        var first = CliRunner.Start("clean", input, "--out", output, "--jobs", "1", "--text", "off");
        var ledger = Path.Combine(output, ".pixelscrub-ledger.jsonl");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !first.HasExited && !File.Exists(ledger)) Thread.Sleep(20);
        Assert.False(first.HasExited, "the first run ended before the second could start: make it larger");

        // Rules only, like the first: the refusal comes before any file is read, and the second run must reach it while
        // the first still runs.
        var (code, stdout, stderr) = CliRunner.Run("clean", template, "--out", output, "--report", Path.Combine(_root, "second.jsonl"), "--text", "off");
        Assert.False(first.HasExited, "the first run ended before the second was refused or let through: make the input larger");
        Assert.Equal(2, code);
        Assert.Contains("another pixelscrub run is writing to", stderr);
        Assert.Contains($"pid {first.Id} ", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.False(File.Exists(Path.Combine(_root, "second.jsonl")));

        first.Kill(entireProcessTree: true);
        first.WaitForExit();
    }
}
