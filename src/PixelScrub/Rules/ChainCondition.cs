using System.Text;

namespace PixelScrub.Rules;

/// <summary>
/// deid's combination: operands joined by AND/OR evaluated strictly left to right with no precedence,
/// ((a op b) op c) ... The first operand has no operator.
/// </summary>
internal sealed class ChainCondition : Condition
{
    private readonly Condition[] _operands;
    private readonly bool[] _isOr; // _isOr[i] joins operand i to what precedes it; _isOr[0] unused

    public ChainCondition(Condition[] operands, bool[] isOr)
    {
        if (operands.Length == 0 || operands.Length != isOr.Length) throw new ArgumentException("operands and operators differ", nameof(isOr));
        _operands = operands;
        _isOr = isOr;
    }

    public IReadOnlyList<Condition> Operands => _operands;

    /// <summary>True when operand i is joined with OR (false: AND); index 0 is unused.</summary>
    public IReadOnlyList<bool> JoinedByOr => _isOr;

    public override bool Evaluate(IHeaderValues header)
    {
        bool value = _operands[0].Evaluate(header);
        for (int i = 1; i < _operands.Length; i++)
        {
            // Short circuit keeps the left-to-right meaning: (true or x) is true, (false and x) is false.
            if (_isOr[i])
            {
                if (!value) value = _operands[i].Evaluate(header);
            }
            else if (value)
            {
                value = _operands[i].Evaluate(header);
            }
        }

        return value;
    }

    public override void Explain(IHeaderValues header, StringBuilder reason)
    {
        // Fold the explanation as the value folds: keep the parts that decided the running value.
        var parts = new List<string>();
        bool value = _operands[0].Evaluate(header);
        parts.Add(ExplainOne(_operands[0], header));
        for (int i = 1; i < _operands.Length; i++)
        {
            bool v = _operands[i].Evaluate(header);
            if (_isOr[i])
            {
                if (value) continue;                          // already true: the left side decided
                if (v) { parts.Clear(); value = true; }       // this operand decided
                parts.Add(ExplainOne(_operands[i], header));
            }
            else
            {
                if (!value) continue;                         // already false: the left side decided
                if (!v) { parts.Clear(); value = false; }
                parts.Add(ExplainOne(_operands[i], header));
            }
        }

        reason.Append(string.Join(value ? " and " : " or ", parts));
    }

    private static string ExplainOne(Condition c, IHeaderValues header)
    {
        var sb = new StringBuilder();
        c.Explain(header, sb);
        return sb.ToString();
    }

    public override void Canonical(StringBuilder sb)
    {
        sb.Append("chain(");
        for (int i = 0; i < _operands.Length; i++)
        {
            if (i > 0) sb.Append(_isOr[i] ? " or " : " and ");
            _operands[i].Canonical(sb);
        }

        sb.Append(')');
    }

    public override void CollectLeaves(List<Condition> leaves)
    {
        foreach (var c in _operands) c.CollectLeaves(leaves);
    }
}
