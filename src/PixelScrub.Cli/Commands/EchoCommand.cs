using System.CommandLine;
using System.Diagnostics;
using PixelScrub.Network;
using PixelScrub.Network.Scu;
using PixelScrub.Network.Upper;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub echo AE@HOST:PORT`: C-ECHO (DICOM "ping").</summary>
internal static class EchoCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var to = new Argument<string>("peer") { Description = "The peer, AE@HOST:PORT." };
        var ae = PeerOptions.CallingAe();
        var command = new Command("echo", "Check a DICOM peer with C-ECHO.") { to, ae };
        command.SetAction(parse =>
        {
            if (!PeerOptions.TryPeer(parse.GetValue(to)!, parse.GetValue(ae)!, stderr, out var peer)) return ExitCodes.Usage;

            var clock = Stopwatch.StartNew();
            try
            {
                new StoreScu(parse.GetValue(ae)!, new AssociationLimits()).Echo(peer);
            }
            catch (DicomNetworkException ex)
            {
                stderr.WriteLine($"error: C-ECHO {peer}: {ex.Message}");
                return ExitCodes.SomeFailed;
            }

            stdout.WriteLine($"C-ECHO {peer}: success ({clock.Elapsed.TotalMilliseconds:0} ms)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
