using PixelScrub.Network.Scu;
using PixelScrub.Network.Tests.Support;
using PixelScrub.Network.Upper;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Network.Tests.Node;

/// <summary>The node against DCMTK as real peers: echoscu and storescu send to it, storescp receives what it forwards.</summary>
public sealed class DicomNodeDcmtkTests
{
    /// <summary>The corpus files storescu can send (DCMTK reads them and has an option proposing their syntax).</summary>
    private static List<string> SendableCorpus() => CorpusFiles.AllDicom()
        .Where(r => !CorpusFiles.MalformedFiles.ContainsKey(r) && r.EndsWith(".dcm", StringComparison.Ordinal))
        .Select(SharedFiles.Corpus)
        .Where(File.Exists)
        .Where(f => Dcmtk.ProposeOption(Dcmtk.TransferSyntaxOf(f)) is not null)
        .ToList();

    [Fact]
    public void Echoscu_gets_success_and_a_wrong_called_AE_is_rejected()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        using var node = NodeHarness.Start(dir.Path);
        var ok = ReferenceTool.Run("echoscu", ["-aec", "NODE", "127.0.0.1", node.Port.ToString()]);
        Assert.True(ok.ExitCode == 0, ok.StdErr);
        var wrong = ReferenceTool.Run("echoscu", ["-aec", "OTHER", "127.0.0.1", node.Port.ToString()]);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("Called AE Title Not Recognized", wrong.StdOut + wrong.StdErr);
    }

    [Fact]
    public void An_unknown_calling_AE_is_rejected_and_an_allowed_one_served()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        using var node = NodeHarness.Start(dir.Path, allow: ["MODALITY"]);
        var rejected = ReferenceTool.Run("storescu", ["-aet", "STRANGER", "-aec", "NODE", "127.0.0.1", node.Port.ToString(), SharedFiles.Corpus("pydicom/CT_small.dcm")]);
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("Calling AE Title Not Recognized", rejected.StdOut + rejected.StdErr);
        var ok = ReferenceTool.Run("echoscu", ["-aet", "MODALITY", "-aec", "NODE", "127.0.0.1", node.Port.ToString()]);
        Assert.True(ok.ExitCode == 0, ok.StdErr);
        Assert.True(node.WaitIdle(TimeSpan.FromMinutes(3)));
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "spool", "incoming")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")) && Directory.EnumerateFiles(Path.Combine(dir.Path, "out")).Any());
    }

    [Fact]
    public void The_corpus_sent_by_storescu_and_forwarded_to_storescp_equals_what_clean_writes()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        var files = SendableCorpus();
        Assert.True(files.Count >= 30, $"only {files.Count} corpus files");

        // What `clean` writes for the same files, by SOP Instance UID (the corpus holds a few instances twice: skip those).
        var byUid = files.GroupBy(Dcmtk.SopInstanceOf).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        var cleanOut = dir.P("clean-out");
        var summary = BatchRunner.Run(new BatchOptions
        {
            Inputs = [.. byUid.Values], OutputDirectory = cleanOut, Rules = RuleSet.Defaults, Jobs = 2, Resume = false,
            ReportPath = dir.P("clean.jsonl"),
        });
        var cleanByUid = Directory.GetFiles(cleanOut).Where(f => !Path.GetFileName(f).StartsWith(".pixelscrub-", StringComparison.Ordinal)).ToDictionary(Dcmtk.SopInstanceOf);
        Assert.True(cleanByUid.Count > 5, "clean wrote too few files for the comparison to mean anything");

        using var downstream = new Dcmtk.StoreScp("DOWN", dir.P("downstream"));
        using (var node = NodeHarness.Start(dir.P("node"), forward: downstream.Address))
        {
            Dcmtk.StoreScu("NODE", node.Port, byUid.Values);
            Assert.True(node.WaitIdle(TimeSpan.FromMinutes(3)), "the node did not finish");
            Assert.Equal(byUid.Count, node.Counters.Received);
            Assert.Equal(summary.Quarantined + summary.Failed, node.Counters.Quarantined + node.Counters.Failed);
        }

        var arrived = downstream.Files().GroupBy(Dcmtk.SopInstanceOf).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(cleanByUid.Keys.Order(), arrived.Keys.Order());
        var work = dir.P("norm");
        Directory.CreateDirectory(work);
        foreach (var (uid, path) in cleanByUid)
        {
            Assert.Single(arrived[uid]);
            Assert.True(Dcmtk.Normalized(path, work).AsSpan().SequenceEqual(Dcmtk.Normalized(arrived[uid][0], work)),
                $"{Path.GetFileName(byUid[uid])}: what arrived downstream differs from what clean wrote");
        }

        // Quarantined objects stay local, with their sidecars.
        var quarantined = Directory.GetFiles(dir.P("node/quarantine"), "*.dcm");
        Assert.Equal(summary.Quarantined + summary.Failed, quarantined.Length);
        Assert.All(quarantined, q => Assert.True(File.Exists(q + ".json")));
    }

    [Fact]
    public async Task Four_storescu_at_once_all_arrive_in_the_output_folder()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        var sets = Enumerable.Range(0, 4).Select(i => UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P($"in{i}"), 10, $"s{i}-")).ToList();
        using var node = NodeHarness.Start(dir.P("node"), maxAssociations: 4);
        var senders = sets.Select((set, i) => Task.Run(() => Dcmtk.StoreScu("NODE", node.Port, set, $"SENDER{i}"))).ToArray();
        await Task.WhenAll(senders);
        Assert.True(node.WaitIdle(TimeSpan.FromMinutes(3)));
        Assert.Equal(40, node.Counters.Received);
        var outputs = Directory.GetFiles(dir.P("node/out"));
        Assert.Equal(40, outputs.Length);
        Assert.Equal(sets.SelectMany(s => s).Select(Dcmtk.SopInstanceOf).Order(), outputs.Select(Dcmtk.SopInstanceOf).Order());
        Assert.Empty(Directory.GetFiles(dir.P("node/spool/incoming")));
        Assert.Empty(Directory.GetFiles(dir.P("node/spool/tmp")));
    }

    [Fact]
    public void Send_delivers_to_storescp_and_echo_answers()
    {
        using var dir = new TempFolder("pixelscrub-net-");
        using var downstream = new Dcmtk.StoreScp("DOWN", dir.P("downstream"));
        var scu = new StoreScu("PIXELSCRUB", new AssociationLimits());
        scu.Echo(downstream.Address);
        var files = UniqueCopies.Make(SharedFiles.Corpus("pydicom/CT_small.dcm"), dir.P("in"), 5)
            .Append(SharedFiles.Corpus("pydicom/JPEG2000.dcm")).Append(SharedFiles.Corpus("pydicom/MR_small_RLE.dcm")).ToList();
        var results = new List<StoreResult>();
        scu.Send(downstream.Address, files.Select(SendableFile.Read).ToList(), results.Add);
        Assert.All(results, r => Assert.True(r.Stored, r.Error));
        Assert.Equal(files.Count, downstream.Files().Length);
        foreach (var f in files)
        {
            var uid = Dcmtk.SopInstanceOf(f);
            var got = downstream.Files().Single(d => Dcmtk.SopInstanceOf(d) == uid);
            Assert.Equal(Dcmtk.DataSetBytes(f), Dcmtk.DataSetBytes(got));
        }
    }
}
