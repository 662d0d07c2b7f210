using System.Text;

namespace PixelScrub.Rules;

/// <summary>CTP's <c>true.</c> / <c>false.</c>; also a deid LABEL with coordinates and no criteria (always true).</summary>
internal sealed class ConstantCondition(bool value) : Condition
{
    public static readonly ConstantCondition True = new(true);
    public static readonly ConstantCondition False = new(false);

    public bool Value { get; } = value;

    public override bool Evaluate(IHeaderValues header) => Value;

    public override void Explain(IHeaderValues header, StringBuilder reason) =>
        reason.Append(Value ? "always" : "never");

    public override void Canonical(StringBuilder sb) => sb.Append(Value ? "true" : "false");

    public override void CollectLeaves(List<Condition> leaves) => leaves.Add(this);
}
