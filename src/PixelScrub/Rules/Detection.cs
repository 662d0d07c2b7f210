using PixelScrub.Masks;

namespace PixelScrub.Rules;

/// <summary>
/// The outcome of evaluating a rule set on one header (ARCHITECTURE.md, "detection output"): whether any
/// rule matched, the decision, every match in rule order, and the combined mask operations.
/// </summary>
public sealed class Detection
{
    internal Detection(bool flagged, Decision decision, string decisionReason, IReadOnlyList<RuleMatch> matches, IReadOnlyList<MaskOperation> operations, int columns, int rows)
    {
        Flagged = flagged;
        Decision = decision;
        DecisionReason = decisionReason;
        Matches = matches;
        Operations = operations;
        Columns = columns;
        Rows = rows;
    }

    public bool Flagged { get; }
    public Decision Decision { get; }

    /// <summary>Why the policy chose the decision, in words.</summary>
    public string DecisionReason { get; }

    public IReadOnlyList<RuleMatch> Matches { get; }

    /// <summary>Every matched rule's operations in order (deid: start with keep, later wins).</summary>
    public IReadOnlyList<MaskOperation> Operations { get; }

    /// <summary>The image size the coordinates were converted for (0 when the header has none).</summary>
    public int Columns { get; }
    public int Rows { get; }

    /// <summary>The mask to clean with (for Clean decisions).</summary>
    public PixelMask BuildMask() => new(Columns, Rows, Operations);
}
