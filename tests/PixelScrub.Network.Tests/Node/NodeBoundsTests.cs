using System.Net;
using System.Net.Sockets;
using PixelScrub.Network.Tests.Support;
using PixelScrub.Network.Upper;
using PixelScrub.Tests.Support;

namespace PixelScrub.Network.Tests.Node;

/// <summary>
/// What the node holds stays bounded (ARCHITECTURE.md, servers): objects in the spool, free disk space, the forwarded
/// ledger, and the time a stalled forward peer can take. Every wait here is for a condition, with a generous bound
/// against a hang only.
/// </summary>
public sealed class NodeBoundsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public void A_full_spool_holds_then_refuses_with_out_of_resources_and_holds_no_more_than_its_bound()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 6);
        // The peer is down: its port is bound here and never listened on, so every connection is refused (and no other
        // test's storescp can take the port meanwhile). Cleaned objects pile up in outgoing/.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var down = new DicomAddress("DOWN", "127.0.0.1", ((IPEndPoint)bound.LocalEndPoint!).Port);
        using var node = NodeHarness.Start(dir.P("node"), forward: down, tweak: o => o with { MaxSpooled = 3, HoldLimit = TimeSpan.FromSeconds(1) });
        var (_, o, e) = ReferenceTool.Run("storescu", ["-v", "-nh", "-aec", "NODE", "127.0.0.1", node.Port.ToString(), .. files], 300_000);

        var log = File.ReadAllLines(dir.P("node/node.jsonl"));
        Assert.True(node.Counters.Received == 3, $"{node.Counters.Received} received:\n" + string.Join("\n", log));
        Assert.DoesNotContain(log, l => l.Contains("\"forwarded\"", StringComparison.Ordinal));
        var refused = log.Where(l => l.Contains("\"store-refused\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, l => Assert.Contains("0xA700", l));
        Assert.All(refused, l => Assert.Contains("spool full", l));
        Assert.Equal(3, (o + e).Split('\n').Count(l => l.Contains("Received Store Response (Success", StringComparison.Ordinal)));

        Assert.True(WaitFor(() => node.Pending == 0), "the node did not finish cleaning");
        Assert.Equal(3, Directory.GetFiles(dir.P("node/spool/outgoing"), "*.dcm").Length);
        Assert.Empty(Directory.GetFiles(dir.P("node/spool/incoming")));
        Assert.Empty(Directory.GetFiles(dir.P("node/spool/tmp")));
    }

    /// <summary>
    /// The node counts outgoing/ once at start and then as objects come and go: what a previous run left waiting there
    /// counts toward --max-spooled from the first object received.
    /// </summary>
    [Fact]
    public void A_restarted_node_counts_what_a_previous_run_left_in_outgoing_toward_its_bound()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        var outgoing = dir.P("node/spool/outgoing");
        Directory.CreateDirectory(outgoing);
        foreach (var left in UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("left"), 2))
        {
            File.Copy(left, Path.Combine(outgoing, Dcmtk.SopInstanceOf(left) + ".dcm"));
        }

        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 3);
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var down = new DicomAddress("DOWN", "127.0.0.1", ((IPEndPoint)bound.LocalEndPoint!).Port);
        using var node = NodeHarness.Start(dir.P("node"), forward: down, tweak: o => o with { MaxSpooled = 3, HoldLimit = TimeSpan.FromSeconds(1) });
        Assert.Equal(2, node.Outgoing);
        ReferenceTool.Run("storescu", ["-nh", "-aec", "NODE", "127.0.0.1", node.Port.ToString(), .. files], 300_000);

        var log = File.ReadAllLines(dir.P("node/node.jsonl"));
        Assert.True(node.Counters.Received == 1, $"{node.Counters.Received} received:\n" + string.Join("\n", log));
        Assert.Equal(2, log.Count(l => l.Contains("\"store-refused\"", StringComparison.Ordinal) && l.Contains("spool full", StringComparison.Ordinal)));
        Assert.True(WaitFor(() => node.Pending == 0), "the node did not finish cleaning");
        Assert.Equal(3, Directory.GetFiles(outgoing, "*.dcm").Length);
        Assert.Equal(3, node.Outgoing);
    }

    /// <summary>
    /// Every object forwarded leaves the count: with room for two objects, a sender of six is held (not refused) while the
    /// forwarder drains outgoing/, and all six arrive. A count that only grew would refuse the third.
    /// </summary>
    [Fact]
    public void Forwarded_objects_free_their_place_in_the_spool_bound()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        using var downstream = new Dcmtk.StoreScp("DOWN", dir.P("down"));
        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 6);
        using (var node = NodeHarness.Start(dir.P("node"), forward: downstream.Address, tweak: o => o with { MaxSpooled = 2, HoldLimit = Bound }))
        {
            Dcmtk.StoreScu("NODE", node.Port, files);
            Assert.True(node.WaitIdle(Bound), "the node did not finish");
            Assert.Equal(6, node.Counters.Received);
            Assert.Equal(0, node.Outgoing);
            Assert.DoesNotContain(File.ReadAllLines(dir.P("node/node.jsonl")), l => l.Contains("\"store-refused\"", StringComparison.Ordinal));
        }

        Assert.Equal(files.Select(Dcmtk.SopInstanceOf).Order(), downstream.Files().Select(Dcmtk.SopInstanceOf).Order());
        Assert.Empty(Directory.GetFiles(dir.P("node/spool/outgoing"), "*.dcm"));
    }

    [Fact]
    public void Too_little_free_disk_refuses_every_object_before_spooling_it_and_echo_still_answers()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 2);
        using var node = NodeHarness.Start(dir.P("node"), tweak: o => o with { MinFreeBytes = long.MaxValue });
        ReferenceTool.Run("storescu", ["-nh", "-aec", "NODE", "127.0.0.1", node.Port.ToString(), .. files], 300_000);

        Assert.Equal(0, node.Counters.Received);
        var refused = File.ReadAllLines(dir.P("node/node.jsonl")).Where(l => l.Contains("\"store-refused\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, l => Assert.Contains("MB free", l));
        Assert.Empty(Directory.GetFiles(dir.P("node/spool/incoming")));
        Assert.Empty(Directory.GetFiles(dir.P("node/spool/tmp")));
        var echo = ReferenceTool.Run("echoscu", ["-aec", "NODE", "127.0.0.1", node.Port.ToString()]);
        Assert.True(echo.ExitCode == 0, echo.StdErr);
    }

    /// <summary>
    /// A forward peer that accepts the association and then never reads nor answers: the C-STORE is cut off by the
    /// association's time limit and retried later, while the node goes on receiving, cleaning and answering echo.
    /// </summary>
    [Fact]
    public void A_stalled_forward_peer_is_cut_off_and_retried_while_the_node_keeps_serving()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        using var stalled = new StalledPeer();
        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 5);
        var limits = new AssociationLimits { Idle = TimeSpan.FromSeconds(2), Artim = TimeSpan.FromSeconds(2) };
        using (var node = NodeHarness.Start(dir.P("node"), forward: new DicomAddress("STALL", "127.0.0.1", stalled.Port), limits: limits))
        {
            Dcmtk.StoreScu("NODE", node.Port, files.Take(2));
            var log = dir.P("node/node.jsonl");
            Assert.True(WaitFor(() => Lines(log, "\"forward-failed\"").Any(l => l.Contains("timed out", StringComparison.Ordinal))
                && Lines(log, "\"forward-retry\"").Any()), "the stalled C-STORE was never cut off");
            Assert.True(stalled.Associations >= 1, "the stalled peer never got an association");

            // The node still serves: more objects are received and cleaned, echo answers.
            Dcmtk.StoreScu("NODE", node.Port, files.Skip(2));
            Assert.True(WaitFor(() => node.Pending == 0), "the node stopped cleaning");
            Assert.Equal(5, node.Counters.Received);
            var echo = ReferenceTool.Run("echoscu", ["-aec", "NODE", "127.0.0.1", node.Port.ToString()]);
            Assert.True(echo.ExitCode == 0, echo.StdErr);
            Assert.True(WaitFor(() => stalled.Associations >= 2), "the forward was not retried");
            Assert.Equal(5, Directory.GetFiles(dir.P("node/spool/outgoing"), "*.dcm").Length);
            Assert.Equal(0, node.Counters.Forwarded);
        }
    }

    /// <summary>
    /// SPOOL/forwarded.txt is compacted at start and whenever it reaches twice ForwardLedgerKeep lines: it keeps the last
    /// ForwardLedgerKeep UIDs and every UID with a copy still in the spool (which must still not be delivered twice).
    /// </summary>
    [Fact]
    public void The_forwarded_ledger_stays_bounded_and_keeps_the_UIDs_still_in_the_spool()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        using var downstream = new Dcmtk.StoreScp("DOWN", dir.P("down"));
        var old = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("old"), 1)[0];
        var oldUid = Dcmtk.SopInstanceOf(old);
        // A previous run forwarded `old` and was killed before deleting its outgoing/ copy, then forwarded 19 more.
        var spool = dir.P("node/spool");
        Directory.CreateDirectory(Path.Combine(spool, "outgoing"));
        File.Copy(old, Path.Combine(spool, "outgoing", oldUid + ".dcm"));
        File.WriteAllLines(Path.Combine(spool, "forwarded.txt"), [oldUid, .. Enumerable.Range(1, 19).Select(i => $"1.2.826.0.1.3680043.10.1.{i}")]);

        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 12);
        using (var node = NodeHarness.Start(dir.P("node"), forward: downstream.Address, tweak: o => o with { ForwardLedgerKeep = 5 }))
        {
            var ledger = File.ReadAllLines(Path.Combine(spool, "forwarded.txt"));
            Assert.Equal(6, ledger.Length); // the last 5, and the UID whose copy is still in outgoing/
            Assert.Contains(oldUid, ledger);
            Assert.True(WaitFor(() => Lines(dir.P("node/node.jsonl"), "\"forward-duplicate-skipped\"").Any(l => l.Contains(oldUid, StringComparison.Ordinal))),
                "the copy left in outgoing/ was not skipped");
            Assert.Empty(Directory.GetFiles(Path.Combine(spool, "outgoing"), "*.dcm"));

            Dcmtk.StoreScu("NODE", node.Port, files);
            Assert.True(node.WaitIdle(Bound), "the node did not finish");
        }

        var arrived = downstream.Files().Select(Dcmtk.SopInstanceOf).ToList();
        Assert.Equal(files.Select(Dcmtk.SopInstanceOf).Order(), arrived.Order()); // each new one once, `old` not again
        var final = File.ReadAllLines(Path.Combine(spool, "forwarded.txt"));
        Assert.InRange(final.Length, 5, 9);
        Assert.True(File.ReadAllLines(dir.P("node/node.jsonl")).Count(l => l.Contains("\"forward-ledger-compacted\"", StringComparison.Ordinal)) >= 2);
    }

    private static bool WaitFor(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < until)
        {
            if (condition()) return true;
            Thread.Sleep(50);
        }

        return condition();
    }

    private static IEnumerable<string> Lines(string path, string what)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var r = new StreamReader(s);
        var lines = new List<string>();
        while (r.ReadLine() is { } line) if (line.Contains(what, StringComparison.Ordinal)) lines.Add(line);
        return lines;
    }

    /// <summary>A storage SCP that accepts every association and then neither reads nor answers anything.</summary>
    private sealed class StalledPeer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = [];
        private readonly Thread _thread;
        private int _associations;

        public StalledPeer()
        {
            _listener.Start();
            _thread = new Thread(Loop) { IsBackground = true };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Associations => Volatile.Read(ref _associations);

        private void Loop()
        {
            var policy = new AcceptorPolicy { AeTitle = "STALL", Choose = pc => new PresentationContextResult(pc.Id, 0, pc.TransferSyntaxes[0]) };
            while (true)
            {
                TcpClient client;
                try
                {
                    client = _listener.AcceptTcpClient();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                lock (_held) _held.Add(client);
                try
                {
                    var pdus = new PduStream(client.GetStream(), new AssociationLimits());
                    if (AssociationAcceptor.Accept(pdus, policy).Association is not null) Interlocked.Increment(ref _associations);
                }
                catch (Exception ex) when (ex is DicomNetworkException or IOException)
                {
                    // the node gave up first
                }
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            lock (_held)
            {
                foreach (var c in _held) c.Dispose();
            }
        }
    }
}
