using PixelScrub.Samples;

namespace PixelScrub.Cli.Tests;

/// <summary>Command-line manners shared by every command: unknown options, output not on a terminal.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-program-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("clean", "--txet")]
    [InlineData("detect", "--no-such-thing")]
    [InlineData("dump", "-q")]
    [InlineData("preview", "--colour")]
    [InlineData("rules", "check", "--strict")]
    [InlineData("scan", "--txet")]
    [InlineData("list", "--recursive")]
    [InlineData("send", "--ae")]
    [InlineData("rules", "learn", "--pad")]
    [InlineData("header", "show", "--profile")]
    [InlineData("report", "merge", "--force")]
    public void An_unknown_option_is_a_usage_error_not_an_input_path(params string[] args)
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "x.dcm");
        File.WriteAllBytes(file, [0]);
        var (code, stdout, err) = CliRunner.Run([.. args, file, "--out", Path.Combine(_root, "out")]);
        Assert.Equal(2, code);
        Assert.Contains($"unknown option '{args[^1]}'", err);
        Assert.DoesNotContain("not found", err + stdout);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Theory]
    [InlineData("listen", "--prot", "11112")]
    [InlineData("demo", "--output", "x")]
    public void An_unknown_option_of_a_command_without_arguments_is_named_as_one(params string[] args)
    {
        var (code, _, err) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: unknown option '{args[1]}' for '{args[0]}'", err, StringComparison.Ordinal);
        Assert.DoesNotContain($"Unrecognized command or argument '{args[1]}'", err);
    }

    [Fact]
    public void An_option_given_without_its_value_does_not_take_the_input_as_a_path()
    {
        // `clean --text IN --out OUT`: --text takes IN as its value and refuses it; IN is never read as an input path,
        // and no output is made.
        Directory.CreateDirectory(_root);
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(input);
        var (code, stdout, err) = CliRunner.Run("clean", "--text", input, "--out", Path.Combine(_root, "out"));
        Assert.Equal(2, code);
        Assert.Contains("verify", err);
        Assert.DoesNotContain("not found", err + stdout);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task Detect_table_into_a_real_pipe_keeps_whole_paths_on_one_line()
    {
        // A child process whose standard output is a pipe (not a terminal, not a StringWriter): Console.IsOutputRedirected.
        var deep = Path.Combine(_root, new string('p', 70), new string('q', 70));
        DemoSamples.Write(deep);
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pixelscrub.dll"));
        psi.ArgumentList.Add("detect");
        psi.ArgumentList.Add(deep);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            try
            {
                await p.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(true);
                Assert.Fail("pixelscrub detect did not finish");
            }
        }

        Assert.True(p.ExitCode == 0, await stderr);
        var lines = (await stdout).Split('\n');
        var files = Directory.GetFiles(deep, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var f in files) Assert.Contains(lines, line => line.Contains(f, StringComparison.Ordinal));
    }

    [Fact]
    public void A_path_that_starts_with_a_dash_is_taken_after_double_dash()
    {
        var (_, _, err) = CliRunner.Run("detect", "--format", "jsonl", "--", "-missing.dcm");
        Assert.DoesNotContain("unknown option", err);
        Assert.Contains("-missing.dcm", err); // taken as an input (which does not exist)
    }

    [Fact]
    public void Negative_option_values_are_not_unknown_options()
    {
        var (code, _, err) = CliRunner.Run("preview", "nothing.dcm", "--out", Path.Combine(_root, "p"), "--frame", "-1");
        Assert.DoesNotContain("unknown option", err);
        Assert.NotEqual(0, code);
    }

    [Fact]
    public void Detect_table_not_on_a_terminal_keeps_whole_paths_on_one_line()
    {
        var deep = Path.Combine(_root, new string('a', 60), new string('b', 60), new string('c', 60));
        DemoSamples.Write(deep);
        var (code, stdout, err) = CliRunner.Run("detect", deep);
        Assert.True(code == 0, err);
        var files = Directory.GetFiles(deep, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var f in files)
            Assert.Contains(stdout.Split('\n'), line => line.Contains(f, StringComparison.Ordinal));
    }
}
