using System.Text;

namespace PixelScrub.Rules;

/// <summary>Logical OR of two or more conditions (CTP <c>+</c>), evaluated left to right with short circuit.</summary>
internal sealed class AnyCondition(Condition[] operands) : Condition
{
    public IReadOnlyList<Condition> Operands { get; } = operands;

    public override bool Evaluate(IHeaderValues header)
    {
        foreach (var c in operands)
        {
            if (c.Evaluate(header)) return true;
        }

        return false;
    }

    public override void Explain(IHeaderValues header, StringBuilder reason)
    {
        // True: the first true operand decided it. False: every operand did.
        bool value = Evaluate(header);
        bool first = true;
        foreach (var c in operands)
        {
            bool v = c.Evaluate(header);
            if (!value || v)
            {
                if (!first) reason.Append(" or ");
                c.Explain(header, reason);
                first = false;
                if (value) return;
            }
        }
    }

    public override void Canonical(StringBuilder sb)
    {
        sb.Append("or(");
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
