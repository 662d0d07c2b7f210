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
        var log = new Option<string?>("--log") { Description = "The node's JSONL event log (default: SPOOL/node.jsonl)." };
        var quarantine = new Option<string?>("--quarantine") { Description = "Quarantine folder (default: OUT.quarantine, or SPOOL/quarantine with --forward)." };
        var rules = CommonOptions.Rules();
        var flagGroups = CommonOptions.FlagGroups();
        var fill = new Option<string>("--fill") { Description = "black (default), gray, or blur (JPEG only), as for clean", DefaultValueFactory = _ => "black" };
        fill.AcceptOnlyFromAmong("black", "gray", "blur");
        var report = new Option<string?>("--report") { Description = "Report file, one row per object as for clean (default: OUT.report.jsonl, or SPOOL/report.jsonl)." };
        var jobs = CommonOptions.Jobs();
        var burned = new Option<bool>("--set-burned-in-annotation") { Description = "Set Burned In Annotation (0028,0301) to NO on cleaned objects." };
        var icons = new Option<string>("--icons") { Description = "remove (default) or regenerate Icon Image Sequences in cleaned objects", DefaultValueFactory = _ => "remove" };
        icons.AcceptOnlyFromAmong("remove", "regenerate");
        var overlays = new Option<string>("--overlays") { Description = "remove (default) overlay planes from cleaned objects, or clean the same regions in them", DefaultValueFactory = _ => "remove" };
        overlays.AcceptOnlyFromAmong("remove", "clean");
        var decompress = new Option<bool>("--decompress") { Description = "Write every object uncompressed (Explicit VR Little Endian), as for clean." };
        var transcode = new Option<string?>("--transcode") { Description = "Write every object in this transfer syntax UID, as for clean.", HelpName = "TS-UID" };
        var skipBaseline = new Option<bool>("--skip-jpeg-baseline") { Description = "With --decompress or --transcode: leave JPEG Baseline objects as they are." };

        var command = new Command("listen", "Run a DICOM node: receive by C-STORE, clean as `clean` does, write to a folder or forward by C-STORE.")
        {
            port, ae, allow, output, forward, listen, spool, refuse, maxAssociations, timeout, log, quarantine, rules, flagGroups, fill, report, jobs, burned,
            icons, overlays, decompress, transcode, skipBaseline,
        };
        command.SetAction(parse =>
        {
            if (!CommonOptions.TryLoadRules(parse.GetValue(rules), parse.GetValue(flagGroups), stderr, out var ruleSet)) return ExitCodes.Usage;
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
                if (parse.GetValue(timeout) < 1) throw new ArgumentException("--timeout must be at least 1 second");
                var spoolDir = Path.GetFullPath(parse.GetValue(spool)
                    ?? (outDir is not null ? Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar) + ".spool" : "pixelscrub-node.spool"));
                var fillText = parse.GetValue(fill)!;
                var batch = new BatchOptions
                {
                    Inputs = [],
                    OutputDirectory = outDir ?? Path.Combine(spoolDir, "outgoing"),
                    QuarantineDirectory = parse.GetValue(quarantine) ?? (outDir is null ? Path.Combine(spoolDir, "quarantine") : null),
                    Rules = ruleSet,
                    ReportPath = parse.GetValue(report) ?? (outDir is null ? Path.Combine(spoolDir, "report.jsonl") : null),
                    Jobs = Math.Max(1, parse.GetValue(jobs)),
                    Resume = false,
                    NativeWorker = CodecWorkerCommand.Self(),
                    Transcode = CleanCommand.TranscodeChoice(parse.GetValue(decompress), parse.GetValue(transcode), parse.GetValue(skipBaseline)),
                    Clean = new CleanOptions
                    {
                        Fill = fillText == "gray" ? FillMode.Gray : FillMode.Black,
                        Jpeg = fillText == "blur" ? JpegRedaction.Blur : JpegRedaction.Fill,
                        SetBurnedInAnnotation = parse.GetValue(burned),
                        Icons = parse.GetValue(icons) == "regenerate" ? IconPolicy.Regenerate : IconPolicy.Remove,
                        Overlays = parse.GetValue(overlays) == "clean" ? OverlayPolicy.Clean : OverlayPolicy.Remove,
                    },
                };
                var seconds = TimeSpan.FromSeconds(parse.GetValue(timeout));
                options = new NodeOptions
                {
                    AeTitle = aeTitle, Address = address, Port = portValue, AllowedCallingAes = allowed, SpoolDirectory = spoolDir, Pipeline = batch,
                    Forward = peer, RefuseUncleanable = parse.GetValue(refuse), MaxAssociations = parse.GetValue(maxAssociations),
                    LogPath = parse.GetValue(log),
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
