namespace PixelScrub.Rules;

/// <summary>
/// The decision policy of ARCHITECTURE.md; every step is an option. Defaults:
/// 1. a matched rule carries clean regions -> Clean with the mask of all matched rules;
/// 2. otherwise the first matching rule's group is a pass group (whitelist) -> Pass;
/// 3. otherwise something matched (a flag without coordinates) -> Quarantine;
/// 4. nothing matched -> Pass.
/// A CTP filter script that evaluates false -> Quarantine whatever else matched.
/// </summary>
public sealed record DecisionPolicy
{
    public static DecisionPolicy Default { get; } = new();

    /// <summary>Step 1: clean when any matched rule carries clean regions.</summary>
    public bool CleanWhenRegions { get; init; } = true;

    /// <summary>Step 2: groups whose first match means Pass (case-insensitive).</summary>
    public IReadOnlySet<string> PassGroups { get; init; } = new HashSet<string>(["whitelist"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The other group names a deid recipe may use (case-insensitive): each means "flag" (step 3). A <c>%filter</c>
    /// group that is neither a pass group nor a flag group is refused when rules load, so a misspelt name cannot
    /// change a decision unnoticed. Defaults: deid's own graylist (greylist) and blacklist.
    /// </summary>
    public IReadOnlySet<string> FlagGroups { get; init; } = new HashSet<string>(["graylist", "greylist", "blacklist"], StringComparer.OrdinalIgnoreCase);

    /// <summary>True when a deid group name is a pass or a flag group of this policy.</summary>
    public bool KnowsGroup(string name) => PassGroups.Contains(name) || FlagGroups.Contains(name);

    /// <summary>A copy that also knows these flag group names.</summary>
    public DecisionPolicy WithFlagGroups(IEnumerable<string> names) =>
        this with { FlagGroups = new HashSet<string>(FlagGroups.Concat(names), StringComparer.OrdinalIgnoreCase) };

    /// <summary>Step 3: the decision for a flag without coordinates.</summary>
    public Decision FlagWithoutRegions { get; init; } = Decision.Quarantine;

    /// <summary>Step 4: the decision when nothing matched.</summary>
    public Decision Unmatched { get; init; } = Decision.Pass;

    /// <summary>The decision when a CTP filter script evaluates false.</summary>
    public Decision FilterRejected { get; init; } = Decision.Quarantine;
}
