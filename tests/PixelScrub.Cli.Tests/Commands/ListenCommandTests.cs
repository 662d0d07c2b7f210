using System.Diagnostics;
using PixelScrub.Network.Tests.Support;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>`pixelscrub listen`, `send` and `echo` as users run them, with DCMTK peers.</summary>
public sealed class ListenCommandTests
{
    [Fact]
    public void Echo_and_send_reach_storescp_and_a_bad_address_is_a_usage_error()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        using var downstream = new Dcmtk.StoreScp("DOWN", dir.P("down"));
        var echo = CliRunner.Run("echo", $"DOWN@127.0.0.1:{downstream.Port}");
        Assert.True(echo.Code == 0, echo.Err);
        Assert.Contains("success", echo.Out);
        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 3);
        var send = CliRunner.Run("send", dir.P("in"), "--to", $"DOWN@127.0.0.1:{downstream.Port}");
        Assert.True(send.Code == 0, send.Err);
        Assert.Contains("sent 3 of 3 files", send.Out);
        Assert.Equal(3, downstream.Files().Length);
        Assert.Equal(2, CliRunner.Run("echo", "no-port-here").Code);
        // A port bound here and never listened on: connections are refused, and no other test's server can take it meanwhile.
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        bound.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var refused = CliRunner.Run("echo", $"DOWN@127.0.0.1:{((System.Net.IPEndPoint)bound.LocalEndPoint!).Port}");
        Assert.Equal(1, refused.Code);
        Assert.Contains("could not connect", refused.Err);
    }

    [Fact]
    public void Listen_needs_exactly_one_of_out_and_forward()
    {
        var both = CliRunner.Run("listen", "--port", "0", "--ae-title", "NODE", "--out", "x", "--forward", "A@h:1");
        Assert.Equal(2, both.Code);
        Assert.Contains("exactly one of --out", both.Err);
        Assert.Equal(2, CliRunner.Run("listen", "--port", "0", "--ae-title", "A-TITLE-LONGER-THAN-16", "--out", "x").Code);
    }

    /// <summary>
    /// listen takes every pipeline option of clean (one shared set), and with the same options writes what clean writes:
    /// here header de-identification with the PS3.15 profile and a key, gray fill and Burned In Annotation set.
    /// </summary>
    [Fact]
    public void Listen_takes_the_options_of_clean_and_writes_what_clean_writes()
    {
        var root = Program.BuildRoot(TextWriter.Null, TextWriter.Null);
        var clean = root.Subcommands.Single(c => c.Name == "clean").Options.Select(o => o.Name).ToHashSet();
        var listenOptions = root.Subcommands.Single(c => c.Name == "listen").Options.Select(o => o.Name).ToHashSet();
        // What only a folder walk has: its inputs' layout, links, resume and shards.
        string[] folderOnly = ["--layout", "--follow-links", "--no-resume", "--files-from", "--root", "--shard"];
        var missing = clean.Except(listenOptions).Except(folderOnly).ToList();
        Assert.True(missing.Count == 0, "clean options listen lacks: " + string.Join(", ", missing));

        using var dir = new TempFolder("pixelscrub-net-");
        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 3);
        string[] pipeline = ["--header", "ps3.15-basic", "--param", "key=listen-test-key-0123456789", "--fill", "gray", "--set-burned-in-annotation", "--jobs", "1"];
        var cleaned = CliRunner.Run(["clean", dir.P("in"), "--out", dir.P("clean-out"), .. pipeline]);
        Assert.True(cleaned.Code == 0, cleaned.Out + cleaned.Err);

        int port = Dcmtk.FreePort();
        var node = CliRunner.Start(["listen", "--port", port.ToString(), "--ae-title", "NODE", "--out", dir.P("node-out"), .. pipeline]);
        try
        {
            WaitForPort(port);
            Dcmtk.StoreScu("NODE", port, files);
            var until = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < until && !(Directory.Exists(dir.P("node-out")) && Directory.GetFiles(dir.P("node-out"), "*.dcm").Length == files.Count
                && Directory.GetFiles(dir.P("node-out.spool/incoming")).Length == 0)) Thread.Sleep(100);
        }
        finally
        {
            node.Kill();
            node.WaitForExit();
        }

        var work = dir.P("norm");
        Directory.CreateDirectory(work);
        foreach (var input in files)
        {
            // The node names an output by the SOP Instance UID it was sent under; clean mirrors the input's name.
            var fromNode = Path.Combine(dir.P("node-out"), Dcmtk.SopInstanceOf(input) + ".dcm");
            var fromClean = Path.Combine(dir.P("clean-out"), Path.GetFileName(input));
            Assert.True(File.Exists(fromNode), $"the node wrote no {fromNode}");
            Assert.NotEqual(Dcmtk.SopInstanceOf(input), Dcmtk.SopInstanceOf(fromNode)); // the header was de-identified
            Assert.True(Dcmtk.Normalized(fromClean, work).AsSpan().SequenceEqual(Dcmtk.Normalized(fromNode, work)),
                $"{Path.GetFileName(input)}: listen wrote something other than clean");
        }

        var badText = CliRunner.Run("listen", "--port", "0", "--ae-title", "NODE", "--out", dir.P("x"), "--text-allow", dir.P("missing-list.txt"));
        Assert.Equal(2, badText.Code);
        Assert.Equal(2, CliRunner.Run("listen", "--port", "0", "--ae-title", "NODE", "--out", dir.P("x"), "--header", "no-such-spec").Code);
    }

    /// <summary>
    /// The node as a child process forwarding to storescp; storescu sends a batch; the node is killed with SIGKILL in the
    /// middle and started again. Every object storescu saw acknowledged arrives downstream, each exactly once (storescp
    /// writes each object it receives under a unique name, so a second delivery would show) but for the one C-STORE in
    /// flight at the kill, whose response the node never recorded: that one may arrive twice (at-least-once; see ForwardQueue).
    /// </summary>
    [Fact]
    public async Task Kill_9_mid_batch_and_restart_delivers_every_acknowledged_object_exactly_once()
    {
        var (acknowledged, files) = await KillAndRestart("received", 30);
        Assert.InRange(acknowledged, 30, files - 1); // the kill came mid-batch
    }

    /// <summary>
    /// The same at kill points drawn from a seed: while receiving, while cleaning, while forwarding (the Nth "received",
    /// "processed" or "forwarded" event of the node's log), so the kill lands between the spool, the output, the forward
    /// queue and the forwarded ledger in turn.
    /// </summary>
    [Theory]
    [InlineData(1)]  // received #7
    [InlineData(2)]  // forwarded #24
    [InlineData(3)]  // received #42
    [InlineData(5)]  // processed #17
    [InlineData(11)] // processed #3
    public async Task Kill_9_at_seeded_points_and_restart_delivers_every_acknowledged_object_exactly_once(int seed)
    {
        var rng = new Random(seed);
        string[] events = ["received", "processed", "forwarded"];
        await KillAndRestart(events[rng.Next(events.Length)], rng.Next(1, 60));
    }

    /// <summary>Runs the batch, kills the node at the <paramref name="after"/>th <paramref name="killEvent"/>, restarts it and checks delivery.</summary>
    private static async Task<(int Acknowledged, int Files)> KillAndRestart(string killEvent, int after)
    {
        using var dir = new TempFolder("pixelscrub-net-");
        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 100);
        using var downstream = new Dcmtk.StoreScp("DOWN", dir.P("down"));
        int port = Dcmtk.FreePort();
        string[] args = ["listen", "--port", port.ToString(), "--ae-title", "NODE", "--forward", $"DOWN@127.0.0.1:{downstream.Port}",
            "--spool", dir.P("spool"), "--jobs", "2"];
        var log = Path.Combine(dir.P("spool"), "node.jsonl");
        var point = $"kill at {killEvent} #{after}";

        var node = CliRunner.Start(args);
        string storescuOutput;
        int forwardedAtKill;
        try
        {
            WaitForPort(port);
            var sender = Task.Run(() => ReferenceTool.Run("storescu", ["-v", "-aec", "NODE", "127.0.0.1", port.ToString(), .. files], 300_000));
            // Condition-based: the kill waits for the event, however slow the machine (bounded only against a hang).
            var until = DateTime.UtcNow.AddMinutes(5);
            while (Count(log, $"\"{killEvent}\"") < after && DateTime.UtcNow < until && !node.HasExited) Thread.Sleep(5);
            Assert.False(node.HasExited, $"{point}: the node exited by itself");
            Assert.True(Count(log, $"\"{killEvent}\"") >= after, $"{point}: the event never came");
            node.Kill(); // SIGKILL
            node.WaitForExit();
            forwardedAtKill = Count(log, "\"forwarded\"");
            var result = await sender;
            storescuOutput = result.StdOut + result.StdErr;
        }
        finally
        {
            if (!node.HasExited) node.Kill();
        }

        var acknowledged = Acknowledged(storescuOutput);
        Assert.True(acknowledged.Count >= 1, $"{point}: storescu saw nothing acknowledged");
        Assert.True(forwardedAtKill < files.Count, $"{point}: everything was forwarded before the kill: the test proved nothing");

        // The object in flight at the kill (its C-STORE sent, the response not yet recorded) is in doubt and is sent again:
        // it is the only one allowed to arrive twice.
        var inFlight = Uids(log, "\"forward-sending\"");
        inFlight.ExceptWith(Uids(log, "\"forwarded\""));
        Assert.True(inFlight.Count <= 1, $"{point}: {inFlight.Count} objects in flight at once");

        var restarted = CliRunner.Start(args);
        try
        {
            var ackUids = acknowledged.Select(Dcmtk.SopInstanceOf).ToHashSet();
            // Done when every acknowledged object is downstream and the node holds nothing: incoming/ empty (everything
            // cleaned, its output renamed into outgoing/ first), then outgoing/ empty (everything answered by storescp, which
            // writes a file before it answers). Nothing is sent after that, so no duplicate can still be on its way.
            var until = DateTime.UtcNow.AddMinutes(5);
            bool done = false;
            while (!done && DateTime.UtcNow < until && !restarted.HasExited)
            {
                done = ackUids.IsSubsetOf(ArrivedSoFar(downstream)) && Directory.GetFiles(dir.P("spool/incoming")).Length == 0
                    && Directory.GetFiles(dir.P("spool/outgoing"), "*.dcm").Length == 0;
                if (!done) Thread.Sleep(100);
            }

            Assert.False(restarted.HasExited, $"{point}: the restarted node exited");
            var left = Directory.GetFiles(dir.P("spool/incoming")).Concat(Directory.GetFiles(dir.P("spool/outgoing"), "*.dcm")).ToList();
            Assert.True(left.Count == 0, $"{point}: left in the spool: " + string.Join("; ", left.Select(f => Path.GetRelativePath(dir.Path, f))) + "\n" +
                string.Join("\n", File.ReadLines(log).Where(l => left.Any(f => l.Contains(Path.GetFileNameWithoutExtension(f), StringComparison.Ordinal)) || l.Contains("\"listening\"", StringComparison.Ordinal))));
            var arrived = downstream.Files().Select(Dcmtk.SopInstanceOf).GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
            foreach (var uid in ackUids) Assert.True(arrived.ContainsKey(uid), $"{point}: acknowledged {uid} never arrived");
            foreach (var (uid, n) in arrived) Assert.True(n == 1 || (n == 2 && inFlight.Contains(uid)), $"{point}: {uid} arrived {n} times (in flight at the kill: {inFlight.Contains(uid)})");
        }
        finally
        {
            restarted.Kill();
            restarted.WaitForExit();
        }

        return (acknowledged.Count, files.Count);
    }

    /// <summary>The SOP Instance UIDs storescp has written whole so far (a file it is still writing does not parse yet and is left out).</summary>
    private static List<string> ArrivedSoFar(Dcmtk.StoreScp downstream)
    {
        var uids = new List<string>();
        foreach (var f in downstream.Files())
        {
            try
            {
                uids.Add(Dcmtk.SopInstanceOf(f));
            }
            catch (Exception ex) when (ex is PixelScrubException or IOException)
            {
                // still being written
            }
        }

        return uids;
    }

    /// <summary>The files storescu -v reports a successful C-STORE response for.</summary>
    private static List<string> Acknowledged(string storescuOutput)
    {
        var done = new List<string>();
        string? current = null;
        foreach (var line in storescuOutput.Split('\n'))
        {
            const string sending = "Sending file: ";
            int at = line.IndexOf(sending, StringComparison.Ordinal);
            if (at >= 0) current = line[(at + sending.Length)..].Trim();
            else if (line.Contains("Received Store Response (Success", StringComparison.Ordinal) && current is not null) done.Add(current);
        }

        return done;
    }

    private static HashSet<string> Uids(string log, string evt) =>
        File.ReadLines(log).Where(l => l.Contains(evt, StringComparison.Ordinal))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("sopInstance").GetString()!).ToHashSet();

    private static int Count(string path, string what)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var r = new StreamReader(s);
            int n = 0;
            while (r.ReadLine() is { } line) if (line.Contains(what, StringComparison.Ordinal)) n++;
            return n;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void WaitForPort(int port)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var c = new System.Net.Sockets.TcpClient("127.0.0.1", port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"the node did not listen on port {port}");
    }
}
