using System.Text;
using PixelScrub.Masks;
using PixelScrub.Rules.Ctp;
using PixelScrub.Rules.Deid;

namespace PixelScrub.Rules;

/// <summary>
/// Writes rules back in the format they were read from (<c>rules show</c>): each rule preceded by a comment
/// saying where it came from and which tags its fields resolved to. Parsing the output gives the same model.
/// </summary>
internal static class RuleRenderer
{
    public static string Render(RuleFile file)
    {
        var sb = new StringBuilder();
        switch (file.Format)
        {
            case RuleFormat.Deid: RenderDeid(file, sb); break;
            case RuleFormat.CtpPixel: RenderCtpPixel(file, sb); break;
            default: RenderCtpFilter(file, sb); break;
        }

        return sb.ToString();
    }

    /// <summary>"Modality (0008,0060), Rows (0028,0010)": the fields of a rule and their tags.</summary>
    public static string FieldSummary(Rule rule)
    {
        var leaves = new List<Condition>();
        rule.Condition.CollectLeaves(leaves);
        var seen = new List<string>();
        foreach (var leaf in leaves)
        {
            var field = leaf switch
            {
                CtpMethodCondition c => c.Field,
                DeidCriterionCondition d => d.Field,
                _ => null,
            };
            if (field is null) continue;
            string s = Describe(field);
            if (!seen.Contains(s)) seen.Add(s);
        }

        foreach (var r in rule.Regions)
        {
            if (r.From is { } f)
            {
                string s = Describe(f);
                if (!seen.Contains(s)) seen.Add(s);
            }
        }

        return seen.Count == 0 ? "no fields" : string.Join(", ", seen);
    }

    /// <summary>"Modality (0008,0060)", or for a tag written as numbers "[0008,0008] (0008,0008) ImageType".</summary>
    private static string Describe(FieldPath field)
    {
        if (field.IsUnknown) return $"{field.Text} (unknown: reads as missing)";
        string s = $"{field.Text} {field.Canonical()}";
        var steps = field.Steps;
        if (steps.Length == 1 && !steps[0].IsPrivateByCreator && TagNames.KeywordOf(steps[0].Tag) is { } keyword && keyword != field.Text)
        {
            s += " " + keyword;
        }

        return s;
    }

    private static void RenderCtpFilter(RuleFile file, StringBuilder sb)
    {
        foreach (var group in file.Groups)
        {
            foreach (var rule in group.Rules)
            {
                sb.Append("// CTP filter from ").Append(rule.File).Append(':').Append(rule.Line).Append("; fields: ").Append(FieldSummary(rule)).Append('\n');
                sb.Append("// true lets the file continue; false sends it to quarantine\n");
                WriteCtp(rule.Condition, sb, 0);
                sb.Append('\n');
            }
        }
    }

    private static void RenderCtpPixel(RuleFile file, StringBuilder sb)
    {
        sb.Append("CTP pixel anonymizer signatures as PixelScrub reads them: the first matching signature wins;\n");
        sb.Append("regions are (x,y,w,h); a negative x or y counts from the right or bottom edge.\n");
        foreach (var group in file.Groups)
        {
            int n = 0;
            foreach (var rule in group.Rules)
            {
                n++;
                sb.Append('\n');
                // Free text must not hold braces (they would open a signature) nor start with '(' (a region).
                sb.Append(FreeText($"Signature {n}, from {rule.File} line {rule.Line}; fields: {FieldSummary(rule)}")).Append('\n');
                sb.Append(rule.Label).Append('\n');
                sb.Append("  { ");
                WriteCtp(rule.Condition, sb, 0);
                sb.Append(" }\n  ");
                if (rule.Regions.Count == 0) sb.Append('\n');
                for (int i = 0; i < rule.Regions.Count; i++)
                {
                    var r = rule.Regions[i];
                    if (i > 0) sb.Append(' ');
                    sb.Append('(').Append(r.A).Append(',').Append(r.B).Append(',').Append(r.C).Append(',').Append(r.D).Append(')');
                }

                if (rule.Regions.Count > 0) sb.Append('\n');
            }
        }
    }

    private static string FreeText(string text) => text.Replace('{', '(').Replace('}', ')');

    // Precedence: 0 = or, 1 = and, 2 = unary.
    private static void WriteCtp(Condition c, StringBuilder sb, int context)
    {
        switch (c)
        {
            case ConstantCondition k:
                sb.Append(k.Value ? "true." : "false.");
                break;
            case NotCondition n:
                sb.Append('!');
                WriteCtp(n.Operand, sb, 2);
                break;
            case AllCondition all:
                if (context > 1) sb.Append('(');
                for (int i = 0; i < all.Operands.Count; i++)
                {
                    if (i > 0) sb.Append(" * ");
                    WriteCtp(all.Operands[i], sb, 1);
                }

                if (context > 1) sb.Append(')');
                break;
            case AnyCondition any:
                if (context > 0) sb.Append('(');
                for (int i = 0; i < any.Operands.Count; i++)
                {
                    if (i > 0) sb.Append(" + ");
                    WriteCtp(any.Operands[i], sb, 0);
                }

                if (context > 0) sb.Append(')');
                break;
            case CtpMethodCondition m:
                sb.Append(m.Field.Text).Append('.').Append(CtpMethods.Name(m.Method)).Append("(\"").Append(m.Argument).Append("\")");
                break;
            default:
                throw new InvalidOperationException($"{c.GetType().Name} cannot be written as a CTP expression");
        }
    }

    private static void RenderDeid(RuleFile file, StringBuilder sb)
    {
        sb.Append("FORMAT dicom\n");
        sb.Append("# deid recipe as PixelScrub reads it: every matching LABEL applies, in order; criteria combine left to right.\n");
        foreach (var group in file.Groups)
        {
            sb.Append("\n%filter ").Append(group.Name).Append('\n');
            foreach (var rule in group.Rules)
            {
                sb.Append("\n# from ").Append(rule.File).Append(':').Append(rule.Line).Append("; fields: ").Append(FieldSummary(rule)).Append('\n');
                sb.Append("LABEL ").Append(rule.Label);
                if (rule.Note is not null) sb.Append(" # ").Append(rule.Note);
                sb.Append('\n');
                if (rule.Condition is ChainCondition lines)
                {
                    for (int i = 0; i < lines.Operands.Count; i++)
                    {
                        sb.Append("  ");
                        if (i > 0) sb.Append(lines.JoinedByOr[i] ? "|| " : "+ ");
                        WriteDeidLine(lines.Operands[i], sb);
                        sb.Append('\n');
                    }
                }
                else if (rule.Condition is ConstantCondition k && k.Value != (rule.Regions.Count > 0))
                {
                    throw new InvalidOperationException("a deid LABEL without criteria matches exactly when it has coordinates");
                }

                foreach (var r in rule.Regions) WriteDeidRegion(r, sb);
            }
        }

        foreach (var u in file.Unapplied)
        {
            sb.Append("\n# not applied yet: PixelScrub cleans pixels only\n%").Append(u.Kind);
            if (u.Name is not null) sb.Append(' ').Append(u.Name);
            sb.Append('\n');
            foreach (var (_, text) in u.Lines) sb.Append(text).Append('\n');
        }
    }

    private static void WriteDeidLine(Condition line, StringBuilder sb)
    {
        if (line is not ChainCondition items) throw new InvalidOperationException("a deid line is a chain of criteria");
        for (int i = 0; i < items.Operands.Count; i++)
        {
            if (i > 0) sb.Append(items.JoinedByOr[i] ? " || " : " + ");
            if (items.Operands[i] is not DeidCriterionCondition c) throw new InvalidOperationException("a deid line holds criteria only");
            sb.Append(DeidCriterionCondition.Keyword(c.Criterion)).Append(' ').Append(c.Field.Text);
            if (c.Value is not null) sb.Append(' ').Append(c.Value);
        }
    }

    private static void WriteDeidRegion(RegionSpec r, StringBuilder sb)
    {
        bool keep = r.Value == MaskValue.Keep;
        string word = r.Kind == RegionKind.CtpBox
            ? (keep ? "ctpkeepcoordinates" : "ctpcoordinates")
            : (keep ? "keepcoordinates" : "coordinates");
        sb.Append("  ").Append(word).Append(' ');
        switch (r.Kind)
        {
            case RegionKind.All: sb.Append("all"); break;
            case RegionKind.From: sb.Append("from:").Append(r.From!.Text); break;
            default: sb.Append(r.A).Append(',').Append(r.B).Append(',').Append(r.C).Append(',').Append(r.D); break;
        }

        sb.Append('\n');
    }
}
