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
