using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using PixelScrub.Cleaning;
using PixelScrub.Network;
using PixelScrub.Network.Node;
using PixelScrub.Pipeline;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub listen --port N --ae-title AE (--out DIR | --forward AE@HOST:PORT)`: the DICOM node.</summary>
internal static class ListenCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on (0: any free port, printed at start).", Required = true };
        var ae = new Option<string>("--ae-title") { Description = "Our AE title; associations calling another are rejected.", Required = true };
        var allow = new Option<string[]>("--allow") { Description = "Calling AE title allowed to send (repeatable; default: any).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--out", "-o") { Description = "Write cleaned and passed objects here, as UID.dcm." };
        var forward = new Option<string?>("--forward") { Description = "Forward cleaned and passed objects by C-STORE to AE@HOST:PORT, from an on-disk queue." };
        var listen = new Option<string>("--listen") { Description = "Address to bind (default: loopback only).", DefaultValueFactory = _ => "127.0.0.1" };
        var spool = new Option<string?>("--spool") { Description = "Spool folder (default: OUT.spool with --out, ./pixelscrub-node.spool with --forward)." };
        var refuse = new Option<bool>("--refuse-uncleanable") { Description = "Refuse transfer syntaxes PixelScrub cannot clean (default: accept them and quarantine)." };
        var maxAssociations = new Option<int>("--max-associations") { Description = "Associations served at once; others wait (default 8).", DefaultValueFactory = _ => 8 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for a peer's next PDU, and for any PDU to arrive whole (default 60).", DefaultValueFactory = _ => 60 };
        var maxSpooled = new Option<int>("--max-spooled") { Description = "Objects the spool may hold, waiting to be cleaned or forwarded; beyond it C-STORE responses are held, then refused with Out of Resources (default 10000).", DefaultValueFactory = _ => 10_000 };
        var minFree = new Option<int>("--min-free-mb") { Description = "Free disk space (MB) to keep beside the spool; below it objects are refused with Out of Resources (default 256).", DefaultValueFactory = _ => 256 };
        var log = new Option<string?>("--log") { Description = "The node's JSONL event log (default: SPOOL/node.jsonl)." };
        var pipeline = new PipelineOptions();

        var command = new Command("listen", "Run a DICOM node: receive by C-STORE, clean as `clean` does, write to a folder or forward by C-STORE.")
        {
            port, ae, allow, output, forward, listen, spool, refuse, maxAssociations, maxSpooled, minFree, timeout, log,
        };
        pipeline.AddTo(command);
        command.SetAction(parse =>
        {
            NodeOptions options;
            try
            {
                var outDir = parse.GetValue(output);
                var forwardText = parse.GetValue(forward);
                if ((outDir is null) == (forwardText is null)) throw new ArgumentException("give exactly one of --out DIR and --forward AE@HOST:PORT");
                var aeTitle = parse.GetValue(ae)!;
                DicomAddress.ValidateAeTitle(aeTitle);
                var allowed = parse.GetValue(allow) ?? [];
                foreach (var a in allowed) DicomAddress.ValidateAeTitle(a);
                var peer = forwardText is null ? null : DicomAddress.Parse(forwardText);
                if (!IPAddress.TryParse(parse.GetValue(listen), out var address)) throw new ArgumentException($"--listen: \"{parse.GetValue(listen)}\" is not an IP address");
                int portValue = parse.GetValue(port);
                if (portValue is < 0 or > 65535) throw new ArgumentException("--port must be 0..65535");
                if (parse.GetValue(maxAssociations) < 1) throw new ArgumentException("--max-associations must be at least 1");
                if (parse.GetValue(maxSpooled) < 1) throw new ArgumentException("--max-spooled must be at least 1");
                if (parse.GetValue(minFree) < 0) throw new ArgumentException("--min-free-mb must be 0 or more");
                if (parse.GetValue(timeout) < 1) throw new ArgumentException("--timeout must be at least 1 second");
                var spoolDir = Path.GetFullPath(parse.GetValue(spool)
                    ?? (outDir is not null ? Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar) + ".spool" : "pixelscrub-node.spool"));
                // The pipeline as `clean` runs it; the node is idempotent by SOP Instance UID, so no resume ledger.
                if (!pipeline.TryResolve(parse, stderr, [], outDir ?? Path.Combine(spoolDir, "outgoing"),
                        outDir is null ? Path.Combine(spoolDir, "quarantine") : null, outDir is null ? Path.Combine(spoolDir, "report.jsonl") : null, out var resolved))
                {
                    return ExitCodes.Usage;
                }

                var batch = resolved with { Resume = false, Jobs = Math.Max(1, resolved.Jobs) };
                var seconds = TimeSpan.FromSeconds(parse.GetValue(timeout));
                options = new NodeOptions
                {
                    AeTitle = aeTitle, Address = address, Port = portValue, AllowedCallingAes = allowed, SpoolDirectory = spoolDir, Pipeline = batch,
                    Forward = peer, RefuseUncleanable = parse.GetValue(refuse), MaxAssociations = parse.GetValue(maxAssociations),
                    LogPath = parse.GetValue(log), MaxSpooled = parse.GetValue(maxSpooled), MinFreeBytes = parse.GetValue(minFree) * 1_000_000L,
                    Limits = new Network.Upper.AssociationLimits { Idle = seconds, Artim = TimeSpan.FromSeconds(Math.Min(10, seconds.TotalSeconds)) },
                };
            }
            catch (ArgumentException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            return Run(options, stdout, stderr);
        });
        return command;
    }

    private static int Run(NodeOptions options, TextWriter stdout, TextWriter stderr)
    {
        using var log = new NodeLog(options.ResolvedLog);
        DicomNode node;
        try
        {
            node = DicomNode.Start(options, log);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot start the node on {options.Address}:{options.Port}: {ex.Message}");
            return ExitCodes.Usage;
        }

        using var stop = new ManualResetEventSlim(false);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        using (node)
        {
            stdout.WriteLine($"listening on {options.Address}:{node.Port} as {options.AeTitle}; " +
                (options.Forward is { } f ? $"forwarding to {f}" : $"writing to {Path.GetFullPath(options.Pipeline.OutputDirectory)}") +
                $"; spool {options.SpoolDirectory}; log {options.ResolvedLog}");
            stdout.Flush();
            bool live = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
            while (!stop.Wait(TimeSpan.FromSeconds(1)))
            {
                if (live) stdout.Write($"\r{Line(node)}   ");
            }

            stdout.WriteLine();
            stdout.WriteLine($"stopping: {Line(node)}");
        }

        return ExitCodes.Ok;
    }

    private static string Line(DicomNode node)
    {
        var c = node.Counters;
        return $"received {c.Received} ({c.ReceivedBytes / 1e6:0.0} MB) | cleaned {c.Cleaned} passed {c.Passed} quarantined {c.Quarantined} failed {c.Failed}" +
            $" | forwarded {c.Forwarded} | waiting {node.Pending} to clean, {node.Outgoing} to forward";
    }
}
