using PixelScrub.Rules;

namespace PixelScrub.Pipeline.Stages;

/// <summary>Evaluates the pixel rules on the original header (pixels are never read here).</summary>
internal sealed class RulesStage(RuleSet rules, DecisionPolicy policy) : IFileStage
{
    private readonly Lazy<string> _key = new(() => Key(rules, policy));

    public string Name => "rules";

    /// <summary>A fingerprint of the rule files' content (moved or renamed folders do not matter) and of the policy.</summary>
    public string SettingsKey => _key.Value;

    private static string Key(RuleSet rules, DecisionPolicy policy) =>
        rules.ContentKey() + "\n" + string.Join(",", policy.PassGroups.Order(StringComparer.OrdinalIgnoreCase)) + "\n" + policy;

    public void Run(WorkItem item)
    {
        var file = item.File ?? throw new InvalidOperationException("the rules stage needs the header");
        item.Detection = rules.Detect(file, policy);
    }
}
