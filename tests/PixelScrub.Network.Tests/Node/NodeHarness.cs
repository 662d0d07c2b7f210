using PixelScrub.Network.Node;
using PixelScrub.Network.Upper;
using PixelScrub.Pipeline;
using PixelScrub.Rules;

namespace PixelScrub.Network.Tests.Node;

/// <summary>Starts an in-process node on a free port with the default rules, in a test folder.</summary>
internal static class NodeHarness
{
    public static DicomNode Start(string folder, DicomAddress? forward = null, IReadOnlyList<string>? allow = null,
        AssociationLimits? limits = null, int maxAssociations = 8, bool refuseUncleanable = false,
        Func<NodeOptions, NodeOptions>? tweak = null)
    {
        var spool = Path.Combine(folder, "spool");
        var batch = new BatchOptions
        {
            Inputs = [],
            OutputDirectory = forward is null ? Path.Combine(folder, "out") : Path.Combine(spool, "outgoing"),
            QuarantineDirectory = Path.Combine(folder, "quarantine"),
            ReportPath = Path.Combine(folder, "report.jsonl"),
            Rules = RuleSet.Defaults,
            Jobs = 2,
            Resume = false,
        };
        var options = new NodeOptions
        {
            AeTitle = "NODE", Port = 0, SpoolDirectory = spool, Pipeline = batch, Forward = forward, AllowedCallingAes = allow ?? [],
            Limits = limits ?? new AssociationLimits { Idle = TimeSpan.FromSeconds(10), Artim = TimeSpan.FromSeconds(5) },
            MaxAssociations = maxAssociations, RefuseUncleanable = refuseUncleanable,
            RetryInitial = TimeSpan.FromMilliseconds(200), RetryMax = TimeSpan.FromSeconds(1),
        };
        if (tweak is not null) options = tweak(options);
        return DicomNode.Start(options, new NodeLog(Path.Combine(folder, "node.jsonl")));
    }
}
