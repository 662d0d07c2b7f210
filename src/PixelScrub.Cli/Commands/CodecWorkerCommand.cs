using System.CommandLine;
using PixelScrub.Codecs.Native;
using PixelScrub.Pipeline;

namespace PixelScrub.Cli.Commands;

/// <summary>
/// `pixelscrub __codec-worker` (hidden): serves native codec requests (CharLS, OpenJPEG) on standard input/output, so a
/// library fault ends this process and fails one file, not the batch. Started by the batch, not by users.
/// </summary>
internal static class CodecWorkerCommand
{
    public const string Name = "__codec-worker";

    public static Command Build()
    {
        var command = new Command(Name, "internal: native codec worker process") { Hidden = true };
        command.SetAction(_ => NativeCodecWorker.RunOnStandardStreams());
        return command;
    }

    /// <summary>The command line that starts this program (the CLI, wherever it is hosted) as a worker.</summary>
    public static NativeWorkerCommand Self() =>
        Locate(Environment.ProcessPath, AppContext.BaseDirectory, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"));

    /// <summary>
    /// The worker is the CLI itself, found from where its code is, not from the process that runs it: the CLI also runs
    /// inside other hosts (the test runner's testhost, a program calling <c>Program.Run</c>), which have no worker command.
    /// </summary>
    /// <param name="processPath">the running executable (<see cref="Environment.ProcessPath"/>)</param>
    /// <param name="appDirectory">where the CLI's code is (<see cref="AppContext.BaseDirectory"/>; Assembly.Location is
    /// empty in native and single-file builds, so it is not asked)</param>
    /// <param name="dotnetHostPath">DOTNET_HOST_PATH, which the dotnet command sets for the hosts it starts</param>
    internal static NativeWorkerCommand Locate(string? processPath, string appDirectory, string? dotnetHostPath)
    {
        var name = typeof(CodecWorkerCommand).Assembly.GetName().Name ?? "pixelscrub";
        // Our own executable (the native build, the apphost, the dotnet tool's shim): it is the worker.
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals(name, StringComparison.OrdinalIgnoreCase))
            return new NativeWorkerCommand(processPath, [Name]);

        // The JIT build's entry dll beside our code: run it with a dotnet host (the one running us, else the one that
        // started our host, else the one on PATH).
        var entry = Path.Combine(appDirectory, name + ".dll");
        if (File.Exists(entry))
        {
            string host = processPath is not null && IsDotnet(processPath) ? processPath
                : dotnetHostPath is { Length: > 0 } && File.Exists(dotnetHostPath) ? dotnetHostPath
                : "dotnet";
            return new NativeWorkerCommand(host, [entry, Name]);
        }

        // A native build under another name (pixelscrub-review, which carries the same commands) is its own worker.
        return new NativeWorkerCommand(processPath ?? name, [Name]);
    }

    private static bool IsDotnet(string path) => Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
