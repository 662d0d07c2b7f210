using System.CommandLine;
using System.Diagnostics;
using PixelScrub.Network;
using PixelScrub.Network.Scu;
using PixelScrub.Network.Upper;
using PixelScrub.Pipeline;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub send PATH... --to AE@HOST:PORT`: C-STORE SCU, each file in its own transfer syntax.</summary>
internal static class SendCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var inputs = new Argument<string[]>("path") { Description = "DICOM files and folders to send (folders recursively).", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to") { Description = "The receiver, AE@HOST:PORT.", Required = true };
        var ae = PeerOptions.CallingAe();
        var command = new Command("send", "Send DICOM files by C-STORE.") { inputs, to, ae };
        command.SetAction(parse =>
        {
            if (!PeerOptions.TryPeer(parse.GetValue(to)!, parse.GetValue(ae)!, stderr, out var peer)) return ExitCodes.Usage;

            if (!CommonOptions.TryEnumerate(parse.GetValue(inputs)!, stderr, out var inputFiles)) return ExitCodes.Usage;
            var clock = Stopwatch.StartNew();
            int failed = 0, stored = 0;
            long bytes = 0;
            var files = new List<SendableFile>();
            foreach (var f in inputFiles)
            {
                try
                {
                    files.Add(SendableFile.Read(f.FullPath));
                }
                catch (Exception ex) when (ex is PixelScrubException or IOException or UnauthorizedAccessException)
                {
                    failed++;
                    stderr.WriteLine($"{f.FullPath}: not sent: {(ex is PixelScrubException p ? p.Message : ex.Message)}");
                }
            }

            new StoreScu(parse.GetValue(ae)!, new AssociationLimits()).Send(peer, files, r =>
            {
                if (r.Stored)
                {
                    stored++;
                    bytes += r.Bytes;
                }
                else
                {
                    failed++;
                    stderr.WriteLine($"{r.Path}: not sent: {r.Error}");
                }
            });
            var s = clock.Elapsed.TotalSeconds;
            stdout.WriteLine($"sent {stored} of {stored + failed} files to {peer} ({bytes / 1e6:0.0} MB in {s:0.00} s, {(s > 0 ? stored / s : 0):0.0} files/s, {(s > 0 ? bytes / 1e6 / s : 0):0.0} MB/s)");
            return failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
        });
        return command;
    }
}
