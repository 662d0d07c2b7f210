using System.Text;

namespace PixelScrub.Rules;

/// <summary>Logical NOT (CTP <c>!</c>).</summary>
internal sealed class NotCondition(Condition operand) : Condition
{
    public Condition Operand { get; } = operand;

    public override bool Evaluate(IHeaderValues header) => !Operand.Evaluate(header);

    public override void Explain(IHeaderValues header, StringBuilder reason)
    {
        reason.Append("not (");
        Operand.Explain(header, reason);
        reason.Append(')');
    }

    public override void Canonical(StringBuilder sb)
    {
        sb.Append("not(");
        Operand.Canonical(sb);
        sb.Append(')');
    }

    public override void CollectLeaves(List<Condition> leaves) => Operand.CollectLeaves(leaves);
}
