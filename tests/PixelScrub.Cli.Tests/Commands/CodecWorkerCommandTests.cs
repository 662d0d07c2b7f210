using PixelScrub.Cli.Commands;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>
/// The codec and OCR worker is the CLI itself, located from where the CLI's code is, whichever process hosts it (the
/// native build, the apphost, `dotnet pixelscrub.dll`, this test host).
/// </summary>
public sealed class CodecWorkerCommandTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-worker-");

    public void Dispose() => _root.Dispose();

    /// <summary>A folder with (or without) the JIT build's entry dll, as the locator sees it.</summary>
    private string AppDirectory(bool withEntry)
    {
        var dir = Path.Combine(_root, withEntry ? "jit" : "native");
        Directory.CreateDirectory(dir);
        if (withEntry) File.WriteAllBytes(Path.Combine(dir, "pixelscrub.dll"), []);
        return dir;
    }

    [Fact]
    public void The_native_build_and_the_apphost_are_their_own_worker()
    {
        var native = AppDirectory(withEntry: false);
        var command = CodecWorkerCommand.Locate(Path.Combine(native, "pixelscrub"), native, null);
        Assert.Equal(Path.Combine(native, "pixelscrub"), command.FileName);
        Assert.Equal(["__codec-worker"], command.Arguments);

        var jit = AppDirectory(withEntry: true);
        command = CodecWorkerCommand.Locate(Path.Combine(jit, "pixelscrub"), jit, "/usr/bin/dotnet");
        Assert.Equal(Path.Combine(jit, "pixelscrub"), command.FileName);
        Assert.Equal(["__codec-worker"], command.Arguments);

        // pixelscrub-review (native) carries the same commands
        command = CodecWorkerCommand.Locate(Path.Combine(native, "pixelscrub-review"), native, null);
        Assert.Equal(Path.Combine(native, "pixelscrub-review"), command.FileName);
        Assert.Equal(["__codec-worker"], command.Arguments);
    }

    [Fact]
    public void Under_a_dotnet_host_the_entry_dll_beside_the_code_is_run()
    {
        var jit = AppDirectory(withEntry: true);
        var command = CodecWorkerCommand.Locate("/opt/dotnet/dotnet", jit, null);
        Assert.Equal("/opt/dotnet/dotnet", command.FileName);
        Assert.Equal([Path.Combine(jit, "pixelscrub.dll"), "__codec-worker"], command.Arguments);
    }

    /// <summary>
    /// Another program hosting the CLI (a test runner's apphost, a caller of Program.Run) has no worker command: the
    /// worker is the entry dll, run by the dotnet host that started the process (DOTNET_HOST_PATH), else the one on PATH.
    /// </summary>
    [Fact]
    public void Inside_another_host_the_entry_dll_is_run_not_the_host()
    {
        var jit = AppDirectory(withEntry: true);
        var host = Path.Combine(_root, "dotnet");
        File.WriteAllBytes(host, []);
        var command = CodecWorkerCommand.Locate(Path.Combine(jit, "testhost"), jit, host);
        Assert.Equal(host, command.FileName);
        Assert.Equal([Path.Combine(jit, "pixelscrub.dll"), "__codec-worker"], command.Arguments);

        command = CodecWorkerCommand.Locate(Path.Combine(jit, "testhost"), jit, Path.Combine(_root, "no-such-dotnet"));
        Assert.Equal("dotnet", command.FileName);
        Assert.Equal([Path.Combine(jit, "pixelscrub.dll"), "__codec-worker"], command.Arguments);
    }

    /// <summary>From this test host, the worker command names a program that really is pixelscrub (asked for its version).</summary>
    [Fact]
    public void From_the_test_host_the_worker_command_starts_pixelscrub()
    {
        var worker = CodecWorkerCommand.Self();
        Assert.Equal("__codec-worker", worker.Arguments[^1]);
        var (code, stdout, err) = ChildProcess.Exec(worker.FileName, [.. worker.Arguments.SkipLast(1), "--version"]);
        Assert.True(code == 0, err);
        Assert.StartsWith(typeof(Program).Assembly.GetName().Version!.ToString(3), stdout.Trim(), StringComparison.Ordinal);
    }
}
