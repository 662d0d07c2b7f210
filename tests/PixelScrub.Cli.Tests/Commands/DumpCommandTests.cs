namespace PixelScrub.Cli.Tests.Commands;

/// <summary>`dump` given something that is not a regular file: one line and exit 2, never a stack trace or a hang.</summary>
public sealed class DumpCommandTests
{
    [Theory]
    [InlineData("/tmp", "is a folder")]
    [InlineData("/dev/zero", "a character device, not a regular file")]
    public async Task Dump_of_a_folder_or_a_device_exits_2_with_one_line(string path, string expected)
    {
        var task = Task.Run(() => CliRunner.Run("dump", path));
        Assert.True(await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30))) == task, $"dump {path} hangs");
        var (code, stdout, stderr) = await task;
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr + stdout);
    }
}
