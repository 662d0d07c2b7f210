namespace PixelScrub.Rules;

/// <summary>An ordered group of rules of one kind (a deid %filter section, a CTP script).</summary>
internal sealed class RuleGroup(string name, RuleGroupKind kind, List<Rule> rules)
{
    public string Name { get; } = name;
    public RuleGroupKind Kind { get; } = kind;
    public List<Rule> Rules { get; } = rules;
}
