using PixelScrub.Masks;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules.Deid;

/// <summary>
/// One test per documented difference from deid's code (docs/compatibility.md), where PixelScrub follows
/// deid's documented intent; plus the behaviours that do match deid.
/// </summary>
public class DeidCompatibilityTests
{
    private static FakeHeader Ct() => new FakeHeader().Set("Modality", "CT").Set("Rows", "512").Set("Columns", "512");

    [Fact]
    public void Difference_1_a_line_starting_with_or_ors_with_the_label_so_far()
    {
        var set = RuleSet.Parse("""
            FORMAT dicom
            %filter blacklist
            LABEL either
              contains Modality MR
              || contains SeriesDescription SAVE
            """, "r.dicom");
        // deid ANDs the "||" line: MR and SAVE. The intent (and PixelScrub): MR or SAVE.
        Assert.True(set.Detect(Ct().Set("SeriesDescription", "SCREEN SAVE")).Flagged);
        Assert.False(set.Detect(Ct().Set("SeriesDescription", "AXIAL")).Flagged);
    }

    [Fact]
    public void Difference_1_deid_dicom_burned_in_annotation_rule_can_fire()
    {
        var rule = RuleSet.Load(SharedFiles.Rules("deid/deid.dicom")).Files[0].Groups.Single(g => g.Name == "blacklist").Rules.Single(r => r.Label == "Burned In Annotation");
        Assert.True(rule.Condition.Evaluate(Ct().Set("ImageType", "ORIGINAL").Set("BurnedInAnnotation", "YES")));
        Assert.False(rule.Condition.Evaluate(Ct().Set("ImageType", "ORIGINAL").Set("BurnedInAnnotation", "NO")));
    }

    [Fact]
    public void Difference_2_from_regions_are_computed_for_each_file()
    {
        var set = RuleSet.Load(SharedFiles.Rules("deid-tests/keepcoordinates_from.dicom"));
        FakeHeader Us(int x1) => new FakeHeader().Set("Modality", "US").Set("Rows", "600").Set("Columns", "800")
            .AddItem("SequenceOfUltrasoundRegions", new FakeHeader().Set("RegionLocationMinX0", "10").Set("RegionLocationMinY0", "10")
                .Set("RegionLocationMaxX1", x1.ToString()).Set("RegionLocationMaxY1", "300"));
        var first = set.Detect(Us(400));
        var second = set.Detect(Us(600)); // deid would reuse the first file's "10,10,400,300"
        Assert.Equal("10,10,400,300", first.Operations[1].RegionText);
        Assert.Equal("10,10,600,300", second.Operations[1].RegionText);
    }

    [Fact]
    public void Difference_3_negative_ctpcoordinates_count_from_the_far_edge()
    {
        var set = RuleSet.Parse("""
            FORMAT dicom
            %filter graylist
            LABEL bottom right corner
              contains Modality CT
              ctpcoordinates -100,-50,100,50
            """, "r.dicom");
        // deid turns this into "-100,-50,0,0", an empty slice: nothing blanked.
        Assert.Equal([new MaskOperation(MaskValue.Clean, new Region(412, 462, 512, 512))], set.Detect(Ct()).Operations);
    }

    [Fact]
    public void Difference_4_a_first_label_without_criteria_works()
    {
        var set = RuleSet.Parse("""
            FORMAT dicom
            %filter graylist
            LABEL Blank Image
              coordinates all
            LABEL Keep Regions
              present SequenceOfUltrasoundRegions
              keepcoordinates from:SequenceOfUltrasoundRegions
            """, "r.dicom");
        var d = set.Detect(Ct());
        Assert.Equal("Blank Image", Assert.Single(d.Matches).Label);
        Assert.Equal([MaskOperation.CleanAll], d.Operations);
        Assert.Equal(Decision.Clean, d.Decision);
    }

    [Fact]
    public void Difference_5_equals_on_a_multi_valued_element_compares_the_values()
    {
        var set = RuleSet.Parse("""
            FORMAT dicom
            %filter blacklist
            LABEL secondary
              equals ImageType secondary
            """, "r.dicom");
        // deid compares "secondary" with the text "['derived', 'secondary']" and never matches.
        Assert.True(set.Detect(Ct().Set("ImageType", "DERIVED", "SECONDARY")).Flagged);
        Assert.False(set.Detect(Ct().Set("ImageType", "DERIVED", "PRIMARY")).Flagged);
    }

    [Theory]
    [InlineData("contains Modality ct", "CT", true)]           // case-insensitive
    [InlineData("contains Modality C.", "CT", true)]           // a regex search
    [InlineData("contains Modality ^T", "CT", false)]
    [InlineData("notcontains Modality MR|PT", "CT", true)]
    [InlineData("equals Modality  ct ", "CT", true)]          // trimmed, case-insensitive
    [InlineData("equals Modality C", "CT", false)]
    [InlineData("notequals Modality CT", "CT", false)]
    [InlineData("missing Modality", "CT", false)]
    [InlineData("present Modality", "CT", true)]
    [InlineData("empty Modality", "", true)]
    [InlineData("empty Modality", "CT", false)]
    [InlineData("contains Modality CT + contains Modality MR || contains Modality C", "CT", true)]  // ((T and F) or T)
    [InlineData("contains Modality C || contains Modality MR + contains Modality XA", "CT", false)] // ((T or F) and F): no precedence
    public void Criteria_match_as_deid(string line, string modality, bool expected)
    {
        var set = RuleSet.Parse($"FORMAT dicom\n%filter graylist\nLABEL t\n  {line}\n", "r.dicom");
        Assert.Equal(expected, set.Detect(new FakeHeader().Set("Modality", modality)).Flagged);
    }

    [Fact]
    public void Missing_and_empty_differ_and_unknown_fields_read_as_missing()
    {
        var set = RuleSet.Parse("FORMAT dicom\n%filter graylist\nLABEL m\n  missing Manfacturer\nLABEL e\n  empty Manufacturer\n", "r.dicom");
        var d = set.Detect(new FakeHeader().Set("Manufacturer", ""));
        Assert.Equal(["m", "e"], d.Matches.Select(m => m.Label));
        Assert.Equal(["m"], set.Detect(new FakeHeader()).Matches.Select(m => m.Label));
    }

    [Fact]
    public void Same_named_filter_sections_merge_in_order_of_first_appearance()
    {
        var set = RuleSet.Parse("""
            FORMAT dicom
            %filter graylist
            LABEL a
              present Modality
            %filter blacklist
            LABEL b
              present Modality
            %filter graylist
            LABEL c
              present Modality
            """, "r.dicom");
        Assert.Equal(["graylist", "blacklist"], set.Files[0].Groups.Select(g => g.Name));
        Assert.Equal(["a", "c", "b"], set.Detect(Ct()).Matches.Select(m => m.Label));
    }

    [Fact]
    public void Deid_coordinates_past_the_image_are_clipped_as_numpy_slices_are()
    {
        var set = RuleSet.Parse("FORMAT dicom\n%filter graylist\nLABEL t\n  coordinates 100,0,600,20\n", "r.dicom");
        var d = set.Detect(Ct());
        // [100:600] on 512 columns is [100:512]
        Assert.Equal([new MaskOperation(MaskValue.Clean, new Region(100, 0, 512, 20))], d.Operations);
    }

    [Theory]
    [InlineData("coordinates -100,0,600,20", "negative coordinate")]
    [InlineData("keepcoordinates 0,-1,10,10", "negative coordinate")]
    [InlineData("coordinates 10,10,5,50", "inverted (xmax < xmin)")]
    [InlineData("coordinates 0,10,5,5", "inverted (ymax < ymin)")]
    public void Negative_or_inverted_deid_coordinates_are_refused_at_load_with_line_and_column(string line, string reason)
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Parse($"FORMAT dicom\n%filter graylist\nLABEL t\n  {line}\n", "r.dicom"));
        Assert.Equal(4, ex.Line);
        Assert.Equal(line.IndexOf(' ') + 4, ex.Column);
        Assert.Contains(reason, ex.Message);
        Assert.StartsWith("r.dicom:4:", ex.Message);
    }

    [Fact]
    public void Chest_recipe_whitelists_a_chest_radiograph()
    {
        var set = RuleSet.Load(SharedFiles.Rules("deid/deid.dicom.xray.chest"));
        var d = set.Detect(new FakeHeader().Set("Modality", "CR").Set("StudyDescription", "CHEST 2 VIEWS"));
        Assert.Equal("whitelist", d.Matches[0].Group);
        Assert.Equal(Decision.Pass, d.Decision);
        Assert.Equal(Decision.Quarantine, set.Detect(new FakeHeader().Set("Modality", "XA")).Decision);
    }
}
