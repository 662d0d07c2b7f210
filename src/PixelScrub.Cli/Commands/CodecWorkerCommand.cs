using System.CommandLine;
using System.Reflection;
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
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = Assembly.GetEntryAssembly()?.Location;
        bool viaDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return viaDotnet && !string.IsNullOrEmpty(entry)
            ? new NativeWorkerCommand(process, [entry, Name])
            : new NativeWorkerCommand(process, [Name]);
    }
}
