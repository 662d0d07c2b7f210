using PixelScrub.Rules;

namespace PixelScrub.Pipeline.Stages;

/// <summary>Evaluates the pixel rules on the original header (pixels are never read here).</summary>
internal sealed class RulesStage(RuleSet rules, DecisionPolicy policy) : IFileStage
{
    public string Name => "rules";

    public void Run(WorkItem item)
    {
        var file = item.File ?? throw new InvalidOperationException("the rules stage needs the header");
        item.Detection = rules.Detect(file, policy);
    }
}
