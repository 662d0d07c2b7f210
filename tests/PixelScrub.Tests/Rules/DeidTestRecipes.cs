using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules;

/// <summary>
/// deid's own test recipes (../shared/rules/deid-tests) name their %filter groups after what the test expects
/// (ShouldMatch1, blacklist2, ...). PixelScrub refuses group names its decision policy does not know, so these
/// load with the names declared as flag groups (what `--flag-group NAME` does on the command line).
/// </summary>
internal static class DeidTestRecipes
{
    public static readonly DecisionPolicy Policy = DecisionPolicy.Default.WithFlagGroups(
        ["ShouldMatch", "ShouldMatch1", "ShouldMatch2", "ShouldNotMatch", "ShouldNotMatch1", "ShouldNotMatch2", "blacklist1", "blacklist2"]);

    public static RuleSet Load(string relative) => RuleSet.Load([SharedFiles.Rules(relative)], Policy);
}
