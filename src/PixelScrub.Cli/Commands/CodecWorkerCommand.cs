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

    /// <summary>The command line that starts this program as a worker.</summary>
    public static NativeWorkerCommand Self()
    {
        // A native (AOT) build is its own process path; under `dotnet pixelscrub.dll` the entry dll sits in the app
        // directory (Assembly.Location is empty in single-file and native builds, so it is not asked).
        var process = Environment.ProcessPath ?? "dotnet";
        bool viaDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        if (!viaDotnet)
            return new NativeWorkerCommand(process, [Name]);
        var name = typeof(CodecWorkerCommand).Assembly.GetName().Name ?? "pixelscrub";
        var entry = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        return new NativeWorkerCommand(process, [entry, Name]);
    }
}
