using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules;

/// <summary>
/// Done means 1: every pixel rule file under ../shared/rules loads, and `rules show` round-trips its meaning, for each
/// file and for several files shown together.
/// </summary>
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
    public void Show_of_the_built_in_rules_parses_back_to_the_same_rules()
    {
        // The built-in rules are two files in two formats (a deid recipe and a CTP pixel script): shown together they
        // once parsed back as one deid recipe with 210 errors.
        var path = Path.Combine(Path.GetTempPath(), $"pixelscrub-defaults-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, RuleSet.Defaults.Show());
            Assert.DoesNotContain(RuleSet.Check(path), d => d.Severity == RuleSeverity.Error);
            var reloaded = RuleSet.Load(path);
            Assert.Equal([RuleFormat.Deid, RuleFormat.CtpPixel], reloaded.Sources.Select(s => s.Format));
            Assert.Equal(RuleModelDump.Of(RuleSet.Defaults), RuleModelDump.Of(reloaded));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Show_of_several_files_together_parses_back_to_the_same_rules_keeping_every_label()
    {
        // A CTP pixel script then a deid recipe once parsed back as one CTP script: every deid LABEL was dropped.
        string[] relatives = ["ctp/DicomPixelAnonymizer.script", "deid/deid.dicom", "ctp/BurnedInPixelsFilter.script", "deid-tests/remove_coordinates_multiple_filters.dicom", "deid/deid.dicom.ultrasound"];
        var original = RuleSet.Load(relatives.Select(SharedFiles.Rules), DeidTestRecipes.Policy);
        string shown = original.Show();
        var reparsed = RuleSet.Parse(shown, "shown.txt", DeidTestRecipes.Policy);

        Assert.Equal(original.Sources.Select(s => s.Format), reparsed.Sources.Select(s => s.Format));
        Assert.Equal(RuleModelDump.Of(original), RuleModelDump.Of(reparsed));
        // every LABEL line of the deid originals is there, counted from the files themselves
        int labels = relatives.Where(r => r.StartsWith("deid", StringComparison.Ordinal))
            .Sum(r => File.ReadLines(SharedFiles.Rules(r)).Count(l => l.TrimStart().StartsWith("LABEL ", StringComparison.Ordinal)));
        Assert.True(labels > 100);
        Assert.Equal(labels, reparsed.Files.Where(f => f.Format == RuleFormat.Deid).Sum(f => f.Groups.Sum(g => g.Rules.Count)));
        // the CTP filter keeps its name as its label
        Assert.Contains(reparsed.Files.SelectMany(f => f.Groups).SelectMany(g => g.Rules), r => r.Label == "BurnedInPixelsFilter.script");
    }

    [Fact]
    public void A_bundle_marker_naming_no_format_is_an_error_with_its_line()
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Parse("#@pixelscrub-rule-file Deid a.dicom\nFORMAT dicom\n#@pixelscrub-rule-file Nifti b\n", "bundle.txt"));
        Assert.Equal((3, 24), (ex.Line, ex.Column));
        Assert.Contains("FORMAT one of CtpFilter, CtpPixel, Deid", ex.Message);
    }

    [Fact]
    public void Show_round_trips_a_file_whose_path_holds_braces()
    {
        var original = RuleSet.Parse("label\n{ Modality.equals(\"CT\") } (0,0,5,5)\n", "/tmp/{odd}/p.script");
        var shown = original.Show();
        Assert.Equal(RuleModelDump.Of(original), RuleModelDump.Of(RuleSet.Parse(shown, "again")));
    }

    [Fact]
    public void Rule_files_loaded_are_pixel_rules_only_header_anonymizer_scripts_are_elsewhere()
    {
        var files = ((IEnumerable<object[]>)RuleFiles()).Select(row => (string)row[0]).ToArray();
        Assert.NotEmpty(files);
        foreach (var relative in files)
        {
            // CTP header anonymizer scripts are XML (<script> ... <e en="T" t="..."/>); they live in ../shared/header-rules
            string text = File.ReadAllText(SharedFiles.Rules(relative));
            Assert.DoesNotContain("<script>", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(Path.GetFullPath(SharedFiles.Rules(relative)).Contains("header-rules", StringComparison.Ordinal));
        }
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
