using System.Globalization;
using System.Text;
using PixelScrub.Masks;

namespace PixelScrub.Rules;

/// <summary>
/// Evaluates rule files on one header and applies the decision policy. Header-only; allocates nothing for
/// a header no rule matches beyond what the header reader returns.
/// </summary>
internal static class RuleEvaluator
{
    private const uint RowsTag = 0x0028_0010, ColumnsTag = 0x0028_0011;

    public static Detection Detect(IReadOnlyList<RuleFile> files, IHeaderValues header, DecisionPolicy policy)
    {
        RegexTest.TakeTimedOut();
        int columns = ReadDimension(header, ColumnsTag);
        int rows = ReadDimension(header, RowsTag);
        List<RuleMatch>? matches = null;
        List<MaskOperation>? operations = null;
        RuleMatch? rejection = null;

        foreach (var file in files)
        {
            foreach (var group in file.Groups)
            {
                switch (group.Kind)
                {
                    case RuleGroupKind.DeidFilter:
                        foreach (var rule in group.Rules)
                        {
                            if (rule.Condition.Evaluate(header)) Add(rule, leaveAlone: false, rejected: false);
                        }

                        break;
                    case RuleGroupKind.CtpPixel:
                        // The first matching signature wins (CTP DicomPixelAnonymizer).
                        foreach (var rule in group.Rules)
                        {
                            if (!rule.Condition.Evaluate(header)) continue;
                            Add(rule, leaveAlone: rule.Regions.Count == 0, rejected: false);
                            break;
                        }

                        break;
                    case RuleGroupKind.CtpFilter:
                        // A filter script says whether the file may continue: false is the finding.
                        foreach (var rule in group.Rules)
                        {
                            if (!rule.Condition.Evaluate(header)) rejection ??= Add(rule, leaveAlone: false, rejected: true);
                        }

                        break;
                }
            }
        }

        IReadOnlyList<RuleMatch> found = matches ?? (IReadOnlyList<RuleMatch>)[];
        var (decision, why) = Decide(found, rejection, policy);
        if (RegexTest.TakeTimedOut())
        {
            // Fail closed: a rule could not be evaluated, so its answer is unknown.
            (decision, why) = (Decision.Quarantine, $"a rule's pattern timed out (over {RegexTest.Timeout.TotalMilliseconds} ms) on this header: evaluation incomplete");
        }

        return new Detection(found.Count > 0, decision, why, found, operations ?? (IReadOnlyList<MaskOperation>)[], columns, rows);

        RuleMatch Add(Rule rule, bool leaveAlone, bool rejected)
        {
            var reason = new StringBuilder();
            if (rejected) reason.Append("filter is false: ");
            rule.Condition.Explain(header, reason);
            var ops = new List<MaskOperation>(rule.Regions.Count);
            foreach (var region in rule.Regions) region.Resolve(header, columns, rows, ops);
            var match = new RuleMatch(rule, reason.ToString(), ops) { IsLeaveAlone = leaveAlone, IsFilterRejection = rejected };
            (matches ??= []).Add(match);
            (operations ??= []).AddRange(ops);
            return match;
        }
    }

    private static (Decision, string) Decide(IReadOnlyList<RuleMatch> matches, RuleMatch? rejection, DecisionPolicy policy)
    {
        if (rejection is not null)
        {
            return (policy.FilterRejected, $"filter {rejection.Label} rejected the file");
        }

        if (policy.CleanWhenRegions)
        {
            foreach (var m in matches)
            {
                if (m.StatesCleanRegions) return (Decision.Clean, $"{m.Group} rule '{m.Label}' ({m.Source}) states regions to clean");
            }
        }

        if (matches.Count == 0) return (policy.Unmatched, "no rule matched");
        var first = matches[0];
        if (first.IsLeaveAlone) return (Decision.Pass, $"CTP signature '{first.Label}' ({first.Source}) has no regions: leave the image alone");
        if (policy.PassGroups.Contains(first.Group)) return (Decision.Pass, $"first match is in pass group {first.Group}: '{first.Label}' ({first.Source})");
        return (policy.FlagWithoutRegions, $"flagged by {first.Group} rule '{first.Label}' ({first.Source}) without regions to clean");
    }

    private static int ReadDimension(IHeaderValues header, uint tag)
    {
        var v = header.GetValues(tag);
        return v is { Length: > 0 } && int.TryParse(v[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 0;
    }
}
