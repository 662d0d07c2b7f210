using PixelScrub.Masks;

namespace PixelScrub.Rules;

/// <summary>
/// One rule that matched a header: its group and label, a human reason naming the fields and values that
/// decided it, and its mask operations converted to this image's pixel coordinates, in rule order.
/// </summary>
public sealed class RuleMatch
{
    internal RuleMatch(Rule rule, string reason, IReadOnlyList<MaskOperation> operations)
    {
        Rule = rule;
        Reason = reason;
        Operations = operations;
    }

    internal Rule Rule { get; }

    public string Group => Rule.Group;
    public string Label => Rule.Label;
    public string Reason { get; }
    public IReadOnlyList<MaskOperation> Operations { get; }

    /// <summary>The rule file and line the rule comes from.</summary>
    public string Source => $"{Rule.File}:{Rule.Line}";

    /// <summary>True for a CTP filter script that rejected the file (the opposite sense of a match).</summary>
    public bool IsFilterRejection { get; internal init; }

    /// <summary>True for a matched CTP signature without regions: "leave this image alone".</summary>
    public bool IsLeaveAlone { get; internal init; }

    /// <summary>True when the rule states clean regions (even if they fall outside this image).</summary>
    public bool StatesCleanRegions => Rule.HasCleanRegions;
}
