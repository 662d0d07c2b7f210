namespace PixelScrub.Rules;

/// <summary>
/// One rule: a deid LABEL, a CTP signature or a CTP filter expression. Its condition is evaluated against
/// a header; its operations (clean/keep regions, in order) apply when it matches.
/// </summary>
internal sealed class Rule
{
    public Rule(string group, string label, string? note, Condition condition, IReadOnlyList<RegionSpec> regions, string file, int line)
    {
        Group = group;
        Label = label;
        Note = note;
        Condition = condition;
        Regions = regions;
        File = file;
        Line = line;
    }

    public string Group { get; }
    public string Label { get; }

    /// <summary>The comment after the label (deid <c># (author)</c>), kept for provenance.</summary>
    public string? Note { get; }

    public Condition Condition { get; }
    public IReadOnlyList<RegionSpec> Regions { get; }
    public string File { get; }
    public int Line { get; }

    public bool HasCleanRegions
    {
        get
        {
            foreach (var r in Regions)
            {
                if (r.Value == Masks.MaskValue.Clean) return true;
            }

            return false;
        }
    }
}
