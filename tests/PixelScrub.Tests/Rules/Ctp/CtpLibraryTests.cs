using System.Globalization;
using PixelScrub.Masks;
using PixelScrub.Rules;
using PixelScrub.Rules.Ctp;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules.Ctp;

/// <summary>
/// Done means 3: every signature of CTP's library fires on a synthetic header built from its own parsed
/// expression, and stops firing when any one field it tests is nudged to a near miss.
/// </summary>
public class CtpLibraryTests
{
    private static readonly Lazy<RuleSet> Library = new(() => RuleSet.Load(SharedFiles.Rules("ctp/DicomPixelAnonymizer.script")));

    public static TheoryData<int> Signatures()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Library.Value.RuleCount; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Signature_fires_on_a_matching_header_and_not_on_a_near_miss(int index)
    {
        var rules = Library.Value.Files[0].Groups[0].Rules;
        var rule = rules[index];
        var header = new FakeHeader();
        var set = new Dictionary<uint, (CtpMethodCondition Leaf, string Value)>();
        Assert.True(Build(rule.Condition, want: true, header, set), "no satisfying header for " + rule.Condition.Canonical());
        Assert.True(rule.Condition.Evaluate(header));

        // Through the whole library: first match wins, so an earlier signature may take it; never a later one.
        var detection = Library.Value.Detect(header);
        var match = Assert.Single(detection.Matches);
        int matched = rules.IndexOf(match.Rule);
        Assert.InRange(matched, 0, index);
        if (matched == index)
        {
            Assert.Equal(rule.Regions.Count, match.Operations.Count);
            for (int i = 0; i < rule.Regions.Count; i++)
            {
                var r = rule.Regions[i];
                var expected = new Region(r.A, r.B, r.A + r.C, r.B + r.D);
                if (detection.Columns > 0 && detection.Rows > 0) expected = expected.ClipTo(detection.Columns, detection.Rows);
                Assert.Equal(new MaskOperation(MaskValue.Clean, expected), match.Operations[i]);
            }
        }

        Assert.NotEmpty(set);
        foreach (var (tag, (leaf, value)) in set)
        {
            var miss = header.Clone().Set(tag, NearMiss(leaf, value));
            Assert.False(rule.Condition.Evaluate(miss), $"still fires with {leaf.Field.Text} = {NearMiss(leaf, value)}");
        }
    }

    /// <summary>Sets fields so the condition evaluates to <paramref name="want"/>; false when it cannot.</summary>
    private static bool Build(PixelScrub.Rules.Condition c, bool want, FakeHeader h, Dictionary<uint, (CtpMethodCondition, string)> set)
    {
        switch (c)
        {
            case ConstantCondition k: return k.Value == want;
            case NotCondition n: return Build(n.Operand, !want, h, set);
            case AllCondition all when want: return all.Operands.All(o => Build(o, true, h, set));
            case AllCondition all: return Build(all.Operands[0], false, h, set);
            case AnyCondition any when want: return Build(any.Operands[0], true, h, set);
            case AnyCondition any: return any.Operands.All(o => Build(o, false, h, set));
            case CtpMethodCondition m:
                uint tag = m.Field.Steps[0].Tag;
                string value = want ? Satisfying(m) : NearMiss(m, m.Argument);
                if (set.TryGetValue(tag, out var existing) && existing.Item2 != value) return m.Test(existing.Item2) == want;
                h.Set(tag, value);
                if (want) set[tag] = (m, value);
                return m.Test(value) == want;
            default: return false;
        }
    }

    private static string Satisfying(CtpMethodCondition m) => m.Method switch
    {
        CtpMethod.Equals or CtpMethod.EqualsIgnoreCase => m.Argument,
        CtpMethod.Contains => "x " + m.Argument + " y",
        CtpMethod.ContainsIgnoreCase => "x " + m.Argument.ToLowerInvariant() + " y",
        CtpMethod.StartsWith or CtpMethod.StartsWithIgnoreCase => m.Argument + " y",
        CtpMethod.EndsWith or CtpMethod.EndsWithIgnoreCase => "x " + m.Argument,
        CtpMethod.IsLessThan => (double.Parse(m.Argument, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture),
        CtpMethod.IsGreaterThan => (double.Parse(m.Argument, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"no generator for {m.Method}"),
    };

    /// <summary>One character off: "EPIQ" -> "FPIQ", "768" -> "868"; numbers move across the bound.</summary>
    private static string NearMiss(CtpMethodCondition m, string value)
    {
        if (m.Method is CtpMethod.IsLessThan) return (double.Parse(m.Argument, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        if (m.Method is CtpMethod.IsGreaterThan) return (double.Parse(m.Argument, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
        string arg = m.Argument;
        if (arg.Length == 0) return value + "x";
        int at = value.IndexOf(arg, StringComparison.OrdinalIgnoreCase);
        if (at < 0) at = 0;
        char c = value[at];
        char changed = char.IsDigit(c) ? (char)('0' + (c - '0' + 1) % 10) : char.IsLetter(c) ? (char.ToUpperInvariant(c) == 'Z' ? 'A' : (char)(char.ToUpperInvariant(c) + 1)) : '#';
        return value[..at] + changed + value[(at + 1)..];
    }
}
