using System.Text;
using PixelScrub.Rules;

namespace PixelScrub.Tests.Rules;

/// <summary>A canonical text of a loaded model (ignoring line numbers), to compare two loads for equal meaning.</summary>
internal static class RuleModelDump
{
    public static string Of(RuleSet set)
    {
        var sb = new StringBuilder();
        foreach (var file in set.Files) Append(file, sb);
        return sb.ToString();
    }

    public static string Of(RuleFile file)
    {
        var sb = new StringBuilder();
        Append(file, sb);
        return sb.ToString();
    }

    public static string Of(Rule rule) =>
        $"{rule.Group} | {rule.Condition.Canonical()} | {string.Join(" ", rule.Regions.Select(r => r.Canonical()))}";

    private static void Append(RuleFile file, StringBuilder sb)
    {
        sb.Append("file ").Append(file.Format).Append('\n');
        foreach (var g in file.Groups)
        {
            sb.Append("group ").Append(g.Name).Append(' ').Append(g.Kind).Append('\n');
            foreach (var r in g.Rules)
            {
                sb.Append("  rule '").Append(r.Label).Append("' note '").Append(r.Note).Append("' ").Append(Of(r)).Append('\n');
            }
        }

        foreach (var u in file.Unapplied)
        {
            sb.Append("unapplied ").Append(u.Kind).Append(' ').Append(u.Name).Append('\n');
            foreach (var (_, text) in u.Lines) sb.Append("  ").Append(text).Append('\n');
        }
    }
}
