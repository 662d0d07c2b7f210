using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules;

/// <summary>Done means 1: every rule file under ../shared/rules loads, and `rules show` round-trips its meaning.</summary>
public class SharedRuleFilesTests
{
    public static TheoryData<string> RuleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(SharedFiles.Root, "rules"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path).StartsWith("LICENSE", StringComparison.Ordinal)) continue;
            data.Add(Path.GetRelativePath(Path.Combine(SharedFiles.Root, "rules"), path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Loads_without_error(string relative)
    {
        var path = SharedFiles.Rules(relative);
        var set = RuleSet.Load([path], DeidTestRecipes.Policy);
        Assert.DoesNotContain(RuleSet.Check(path, DeidTestRecipes.Policy), d => d.Severity == RuleSeverity.Error);
        Assert.True(set.RuleCount > 0, "no rules read");
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Show_output_parses_to_the_same_model(string relative)
    {
        var original = RuleSet.Load([SharedFiles.Rules(relative)], DeidTestRecipes.Policy);
        string shown = original.Show();
        var reparsed = RuleSet.Parse(shown, SharedFiles.Rules(relative), DeidTestRecipes.Policy);
        Assert.Equal(original.Files[0].Format, reparsed.Files[0].Format);
        Assert.Equal(RuleModelDump.Of(original), RuleModelDump.Of(reparsed));
    }

    [Fact]
    public void Show_round_trips_a_file_whose_path_holds_braces()
    {
        var original = RuleSet.Parse("label\n{ Modality.equals(\"CT\") } (0,0,5,5)\n", "/tmp/{odd}/p.script");
        var shown = original.Show();
        Assert.Equal(RuleModelDump.Of(original), RuleModelDump.Of(RuleSet.Parse(shown, "again")));
    }

    [Fact]
    public void Formats_are_detected_by_content()
    {
        Assert.Equal(RuleFormat.CtpPixel, RuleSet.Load(SharedFiles.Rules("ctp/DicomPixelAnonymizer.script")).Sources[0].Format);
        Assert.Equal(RuleFormat.CtpFilter, RuleSet.Load(SharedFiles.Rules("ctp/BurnedInPixelsFilter.script")).Sources[0].Format);
        Assert.Equal(RuleFormat.CtpFilter, RuleSet.Load(SharedFiles.Rules("ctp/example-filter.script")).Sources[0].Format);
        Assert.Equal(RuleFormat.Deid, RuleSet.Load(SharedFiles.Rules("deid/deid.dicom")).Sources[0].Format);
    }

    [Fact]
    public void Library_signature_counts_are_as_in_the_files()
    {
        // Counted by hand from the files: one '{' per signature.
        foreach (var name in new[] { "ctp/DicomPixelAnonymizer.script", "ctp/example-dicom-pixel-anonymizer.script" })
        {
            var text = File.ReadAllText(SharedFiles.Rules(name));
            int braces = text.Count(c => c == '{');
            Assert.Equal(braces, RuleSet.Load(SharedFiles.Rules(name)).RuleCount);
        }

        var deid = File.ReadAllLines(SharedFiles.Rules("deid/deid.dicom"));
        Assert.Equal(deid.Count(l => l.TrimStart().StartsWith("LABEL", StringComparison.Ordinal)), RuleSet.Load(SharedFiles.Rules("deid/deid.dicom")).RuleCount);
    }

    [Fact]
    public void Deid_sections_not_applied_are_kept_and_reported()
    {
        var set = RuleSet.Load(SharedFiles.Rules("deid/deid.dicom"));
        var header = Assert.Single(set.Files[0].Unapplied);
        Assert.Equal("header", header.Kind);
        Assert.Contains(header.Lines, l => l.Text == "REMOVE PatientID");
        Assert.Contains(set.Diagnostics, d => d.Severity == RuleSeverity.Note && d.Message.Contains("%header", StringComparison.Ordinal));
    }

    [Fact]
    public void Misspelt_deid_fields_load_with_a_warning_and_read_as_missing()
    {
        var diagnostics = RuleSet.Check(SharedFiles.Rules("deid/deid.dicom"));
        Assert.Contains(diagnostics, d => d.Severity == RuleSeverity.Warning && d.Message.Contains("'Manfacturer'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Severity == RuleSeverity.Warning && d.Message.Contains("'Manufacture'", StringComparison.Ordinal));
    }
}
