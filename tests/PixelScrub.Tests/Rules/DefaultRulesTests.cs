using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules;

/// <summary>
/// The embedded defaults restate CTP's library and deid's deid.dicom. These tests load the shared originals
/// and the defaults and prove every signature of both is present, in order, with the same condition and
/// coordinates, so the restatement cannot drift.
/// </summary>
public class DefaultRulesTests
{
    private static RuleFile DefaultFile(RuleFormat format) => Assert.Single(RuleSet.Defaults.Files, f => f.Format == format);

    [Fact]
    public void Defaults_load_from_the_embedded_resources()
    {
        Assert.Equal(2, RuleSet.Defaults.Files.Count);
        Assert.DoesNotContain(RuleSet.Defaults.Diagnostics, d => d.Severity == RuleSeverity.Error);
    }

    [Fact]
    public void Every_ctp_library_signature_is_restated_with_the_same_condition_and_regions()
    {
        var original = RuleSet.Load(SharedFiles.Rules("ctp/DicomPixelAnonymizer.script")).Files[0].Groups.Single().Rules;
        var restated = DefaultFile(RuleFormat.CtpPixel).Groups.Single().Rules;
        Assert.Equal(original.Count, restated.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal(RuleModelDump.Of(original[i]), RuleModelDump.Of(restated[i]));
            // Provenance: the restated signature names the line it comes from.
            var text = ReadDefault("ctp-pixel-signatures.script");
            Assert.Contains($"CTP library line {original[i].Line}\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_deid_label_is_restated_with_the_same_group_criteria_and_coordinates()
    {
        var original = RuleSet.Load(SharedFiles.Rules("deid/deid.dicom")).Files[0];
        var restated = DefaultFile(RuleFormat.Deid);
        Assert.Equal(original.Groups.Select(g => g.Name), restated.Groups.Select(g => g.Name));
        var text = ReadDefault("deid-filters.dicom");
        for (int g = 0; g < original.Groups.Count; g++)
        {
            var a = original.Groups[g].Rules;
            var b = restated.Groups[g].Rules;
            Assert.Equal(a.Count, b.Count);
            for (int i = 0; i < a.Count; i++)
            {
                Assert.Equal(a[i].Label, b[i].Label);
                Assert.Equal(RuleModelDump.Of(a[i]), RuleModelDump.Of(b[i]));
                Assert.Contains($"# deid.dicom line {a[i].Line}\nLABEL {a[i].Label}", text, StringComparison.Ordinal);
            }
        }
    }

    private static string ReadDefault(string name)
    {
        using var s = typeof(RuleSet).Assembly.GetManifestResourceStream("PixelScrub.Rules.Defaults." + name)!;
        return new StreamReader(s).ReadToEnd();
    }
}
