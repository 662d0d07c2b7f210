using System.Text;

namespace PixelScrub.Rules;

/// <summary>Logical AND of two or more conditions (CTP <c>*</c>), evaluated left to right with short circuit.</summary>
internal sealed class AllCondition(Condition[] operands) : Condition
{
    public IReadOnlyList<Condition> Operands { get; } = operands;

    public override bool Evaluate(IHeaderValues header)
    {
        foreach (var c in operands)
        {
            if (!c.Evaluate(header)) return false;
        }

        return true;
    }

    public override void Explain(IHeaderValues header, StringBuilder reason)
    {
        // True: every operand decided it. False: the first false operand did.
        bool value = Evaluate(header);
        bool first = true;
        foreach (var c in operands)
        {
            bool v = c.Evaluate(header);
            if (value || !v)
            {
                if (!first) reason.Append(" and ");
                c.Explain(header, reason);
                first = false;
                if (!value) return;
            }
        }
    }

    public override void Canonical(StringBuilder sb)
    {
        sb.Append("and(");
        for (int i = 0; i < operands.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            operands[i].Canonical(sb);
        }

        sb.Append(')');
    }

    public override void CollectLeaves(List<Condition> leaves)
    {
        foreach (var c in operands) c.CollectLeaves(leaves);
    }
}
