using PixelScrub.Masks;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules.Deid;

/// <summary>
/// deid's own test recipes (../shared/rules/deid-tests), on synthetic headers standing in for deid's test
/// images: Cat.dcm (a DX by Agfa, PatientSex M, Digital X-Ray For Presentation) and an ultrasound. The file
/// names say the expected outcome.
/// </summary>
public class DeidRecipeTests
{
    private const string DigitalXRay = "1.2.840.10008.5.1.4.1.1.1.1";

    private static FakeHeader Cat() => new FakeHeader()
        .Set("Modality", "DX").Set("Manufacturer", "Agfa").Set("PatientSex", "M")
        .Set("SOPClassUID", DigitalXRay).Set("Rows", "2048").Set("Columns", "1536");

    private static FakeHeader Ultrasound() => new FakeHeader()
        .Set("Modality", "US").Set("Rows", "600").Set("Columns", "800")
        .AddItem("SequenceOfUltrasoundRegions", Item(100, 90, 700, 500))
        .AddItem("SequenceOfUltrasoundRegions", Item(20, 520, 300, 590));

    private static FakeHeader Item(int x0, int y0, int x1, int y1) => new FakeHeader()
        .Set("RegionLocationMinX0", x0.ToString()).Set("RegionLocationMinY0", y0.ToString())
        .Set("RegionLocationMaxX1", x1.ToString()).Set("RegionLocationMaxY1", y1.ToString());

    private static Detection Run(string recipe, FakeHeader header) => DeidTestRecipes.Load("deid-tests/" + recipe).Detect(header);

    private static (int, string)[] Coordinates(Detection d) =>
        d.Matches.SelectMany(m => m.Operations).Select(o => ((int)o.Value, o.RegionText)).ToArray();

    [Theory]
    [InlineData("filter_single_rule_true.dicom", true)]
    [InlineData("filter_single_rule_false.dicom", false)]
    [InlineData("filter_single_rule_innerop_true.dicom", true)]
    [InlineData("filter_single_rule_innerop_false.dicom", false)]
    [InlineData("filter_multiple_rule_innerop_true.dicom", true)]
    [InlineData("filter_multiple_rule_innerop_false.dicom", false)]
    [InlineData("filter_multiple_zero_filter_match.dicom", false)]
    [InlineData("filter_tag_number.dicom", false)]
    public void Flags_as_the_file_name_says(string recipe, bool flagged)
    {
        var d = Run(recipe, Cat());
        Assert.Equal(flagged, d.Flagged);
        Assert.Equal(flagged ? Decision.Quarantine : Decision.Pass, d.Decision); // flags without coordinates
    }

    [Theory]
    [InlineData("filter_multiple_first_filter_match.dicom", new[] { "ShouldMatch" })]
    [InlineData("filter_multiple_second_filter_match.dicom", new[] { "ShouldMatch" })]
    [InlineData("filter_multiple_two_filter_match.dicom", new[] { "ShouldMatch1", "ShouldMatch2" })]
    public void Reports_every_matching_group_in_order(string recipe, string[] groups)
    {
        var d = Run(recipe, Cat());
        Assert.True(d.Flagged);
        Assert.Equal(groups, d.Matches.Select(m => m.Group));
    }

    [Fact]
    public void Tag_numbers_address_the_element()
    {
        var d = Run("filter_tag_number.dicom", Cat().Set(0x0011_0003, "AGFA Private"));
        Assert.True(d.Flagged);
        Assert.Contains("0x00110003 contains \"Agfa\" (0x00110003 = \"AGFA Private\")", d.Matches[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_coordinates()
    {
        var d = Run("remove_coordinates.dicom", Cat());
        Assert.Equal([(0, "0,0,1024,1024")], Coordinates(d));
        Assert.Equal(Decision.Clean, d.Decision);
    }

    [Fact]
    public void Remove_all()
    {
        var d = Run("remove_all.dicom", Cat());
        Assert.Equal([(0, "all")], Coordinates(d));
        var mask = d.BuildMask();
        Assert.Equal(new Region(0, 0, 1536, 2048), mask.CleanBounds());
    }

    [Fact]
    public void Remove_coordinates_multiple_keeps_their_order()
    {
        Assert.Equal([(0, "0,0,10,10"), (0, "10,10,20,20")], Coordinates(Run("remove_coordinates_multiple.dicom", Cat())));
    }

    [Fact]
    public void Remove_coordinates_multiple_filters_gathers_every_group()
    {
        var d = Run("remove_coordinates_multiple_filters.dicom", Cat());
        Assert.Equal(["blacklist1", "blacklist2"], d.Matches.Select(m => m.Group));
        Assert.Equal([(0, "0,0,10,10"), (0, "10,10,20,20")], Coordinates(d));
    }

    [Fact]
    public void Remove_coordinates_groups_evaluates_or_and_values_as_deid()
    {
        var header = Cat().Set("Manufacturer", "foo").Set("SeriesDescription", "please flag me").Set("ImageType", "DERIVED", "SECONDARY");
        var d = Run("remove_coordinates_groups.dicom", header);
        // (foo and bar) or "flag me" -> true; "bam" absent -> false; "DERIVED+SECONDARY" is a regex no value matches.
        Assert.Equal(["Groups With OR"], d.Matches.Select(m => m.Label));
        Assert.Equal([(0, "0,0,1024,1024")], Coordinates(d));

        var both = Run("remove_coordinates_groups.dicom", header.Clone().Set("Manufacturer", "baz").Set("SeriesDescription", "bam"));
        Assert.Equal(["Value With OR"], both.Matches.Select(m => m.Label));
        var derived = Run("remove_coordinates_groups.dicom", header.Clone().Set("ImageType", "DERIVEDDDSECONDARY"));
        Assert.Equal(["Groups With OR", "Value With AND"], derived.Matches.Select(m => m.Label));
    }

    [Fact]
    public void Remove_coordinates_us_only_for_ultrasound()
    {
        Assert.Equal([(0, "0,0,500,500")], Coordinates(Run("remove_coordinates_us.dicom", Ultrasound())));
        Assert.Equal([(0, "all")], Coordinates(Run("remove_coordinates_us_all.dicom", Ultrasound())));
        Assert.False(Run("remove_coordinates_us.dicom", Cat()).Flagged);
    }

    [Fact]
    public void Keepcoordinates_after_all_keeps_the_region()
    {
        var d = Run("keepcoordinates.dicom", Cat());
        Assert.Equal([(0, "all"), (1, "0,0,1024,1024")], Coordinates(d));
        var mask = d.BuildMask();
        Assert.False(mask.IsClean(0, 0));
        Assert.False(mask.IsClean(1023, 1023));
        Assert.True(mask.IsClean(1024, 0));
        Assert.True(mask.IsClean(0, 1024));
    }

    [Fact]
    public void Keepcoordinates_from_ultrasound_regions()
    {
        var d = Run("keepcoordinates_from.dicom", Ultrasound());
        Assert.Equal([(0, "all"), (1, "100,90,700,500"), (1, "20,520,300,590")], Coordinates(d));
        var mask = d.BuildMask();
        Assert.True(mask.IsClean(0, 0));
        Assert.False(mask.IsClean(100, 90));
        Assert.True(mask.IsClean(700, 90));
        Assert.False(mask.IsClean(299, 589));
        Assert.False(Run("keepcoordinates_from.dicom", Cat()).Flagged); // no SequenceOfUltrasoundRegions
    }

    [Fact]
    public void Keepcoordinates_alone_cleans_nothing_and_is_a_flag_for_review()
    {
        var d = Run("keepcoordinates_noaction.dicom", Cat());
        Assert.Equal([(1, "0,0,1024,1024")], Coordinates(d));
        Assert.True(d.BuildMask().IsEmpty);
        Assert.Equal(Decision.Quarantine, d.Decision);
    }

    [Fact]
    public void Reasons_name_the_fields_and_values_that_decided()
    {
        var set = RuleSet.Parse("FORMAT dicom\n%filter blacklist\nLABEL m\n  missing ImageType || empty ImageType\n  + contains Modality CT|MR\n", "r.dicom");
        Assert.Equal("ImageType missing and Modality contains \"CT|MR\" (Modality = \"MR\")", set.Detect(new FakeHeader().Set("Modality", "MR")).Matches[0].Reason);
        Assert.Equal("ImageType empty and Modality contains \"CT|MR\" (Modality = \"CT\")",
            set.Detect(new FakeHeader().Set("Modality", "CT").Set("ImageType", "")).Matches[0].Reason);
    }

    [Fact]
    public void Detection_json_has_the_fixed_shape()
    {
        var d = Run("keepcoordinates.dicom", Cat());
        string json = DetectionJson.ToJson("cat.dcm", d);
        Assert.Equal(
            "{\"file\":\"cat.dcm\",\"flagged\":true,\"decision\":\"clean\",\"results\":[{\"group\":\"blacklist\",\"label\":\"by SOPClassUID\"," +
            "\"reason\":\"SOPClassUID contains \\\"1.2.840.10008.5.1.4.1.1.1.1\\\" (SOPClassUID = \\\"1.2.840.10008.5.1.4.1.1.1.1\\\")\"," +
            "\"coordinates\":[[0,\"all\"],[1,\"0,0,1024,1024\"]]}]}", json);
    }
}
