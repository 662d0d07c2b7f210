namespace PixelScrub.Rules;

/// <summary>One loaded rule file: its format, groups of rules, kept-but-unapplied sections and findings.</summary>
internal sealed class RuleFile(string path, RuleFormat format)
{
    public string Path { get; } = path;
    public RuleFormat Format { get; } = format;
    public List<RuleGroup> Groups { get; } = [];
    public List<UnappliedSection> Unapplied { get; } = [];
    public List<RuleDiagnostic> Diagnostics { get; } = [];

    /// <summary>
    /// What the file was parsed from, for the resume ledger's key (<see cref="RuleSet.ContentKey"/>): its format, the file
    /// name labels are taken from, and its text. The same content parses to the same rules, so it stands for them.
    /// </summary>
    public string Content { get; set; } = "";

    /// <summary>Where each deid <c>%filter NAME</c> was declared (names are checked against the decision policy).</summary>
    public List<GroupDeclaration> FilterGroups { get; } = [];

    public bool HasErrors
    {
        get
        {
            foreach (var d in Diagnostics)
            {
                if (d.Severity == RuleSeverity.Error) return true;
            }

            return false;
        }
    }

    /// <summary>The group of this name, created (in order of first appearance) when new: same-named deid sections merge.</summary>
    public RuleGroup GroupNamed(string name, RuleGroupKind kind)
    {
        foreach (var g in Groups)
        {
            if (g.Name == name && g.Kind == kind) return g;
        }

        var group = new RuleGroup(name, kind, []);
        Groups.Add(group);
        return group;
    }
}
