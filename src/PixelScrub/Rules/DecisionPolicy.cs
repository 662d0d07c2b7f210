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

    /// <summary>Step 3: the decision for a flag without coordinates.</summary>
    public Decision FlagWithoutRegions { get; init; } = Decision.Quarantine;

    /// <summary>Step 4: the decision when nothing matched.</summary>
    public Decision Unmatched { get; init; } = Decision.Pass;

    /// <summary>The decision when a CTP filter script evaluates false.</summary>
    public Decision FilterRejected { get; init; } = Decision.Quarantine;
}
