using PixelScrub.Masks;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules;

/// <summary>The public loading API: several files of any format, combined in order, and the decision policy options.</summary>
public class RuleSetTests
{
    private static FakeHeader Epiq() => new FakeHeader()
        .Set("Modality", "US").Set("Manufacturer", "Philips Medical Systems").Set("ManufacturerModelName", "EPIQ 7G")
        .Set("Rows", "768").Set("Columns", "1024").Set("ImageType", "ORIGINAL", "PRIMARY");

    [Fact]
    public void Several_files_of_different_formats_evaluate_in_the_order_given()
    {
        var set = RuleSet.Load([SharedFiles.Rules("deid/deid.dicom"), SharedFiles.Rules("ctp/DicomPixelAnonymizer.script")]);
        Assert.Equal([RuleFormat.Deid, RuleFormat.CtpPixel], set.Sources.Select(s => s.Format));
        var d = set.Detect(Epiq());
        Assert.Equal(["graylist", "ctp"], d.Matches.Select(m => m.Group));
        Assert.Equal(["0,0,1024,49", "0,0,1024,49"], d.Operations.Select(o => o.RegionText));
        Assert.Equal(Decision.Clean, d.Decision);
        Assert.Equal(new Region(0, 0, 1024, 49), d.BuildMask().CleanBounds());
    }

    [Fact]
    public void Combine_appends_rule_sets()
    {
        var combined = RuleSet.Combine(RuleSet.Defaults, RuleSet.Parse("{ Modality.equals(\"US\") } (0,700,1024,68)", "mine.script"));
        Assert.Equal(3, combined.Files.Count);
        var d = combined.Detect(Epiq());
        Assert.Contains("0,700,1024,768", d.Operations.Select(o => o.RegionText));
    }

    [Fact]
    public void Decision_policy_steps_are_options()
    {
        var set = RuleSet.Parse("FORMAT dicom\n%filter whitelist\nLABEL clean device\n  contains Manufacturer Philips\n%filter review\nLABEL anything\n  present Modality\n", "p.dicom", DecisionPolicy.Default.WithFlagGroups(["review"]));
        Assert.Equal(Decision.Pass, set.Detect(Epiq()).Decision);            // first match in the pass group
        Assert.Equal(Decision.Quarantine, set.Detect(Epiq(), DecisionPolicy.Default with { PassGroups = new HashSet<string>() }).Decision);
        Assert.Equal(Decision.Pass, set.Detect(Epiq().Set("Manufacturer", "Other"), DecisionPolicy.Default with { FlagWithoutRegions = Decision.Pass }).Decision);
        Assert.Equal(Decision.Quarantine, set.Detect(new FakeHeader(), DecisionPolicy.Default with { Unmatched = Decision.Quarantine }).Decision);
        var regions = RuleSet.Parse("{ true. } (0,0,1,1)", "r.script");
        Assert.Equal(Decision.Quarantine, regions.Detect(Epiq(), DecisionPolicy.Default with { CleanWhenRegions = false }).Decision);
    }

    [Fact]
    public void Empty_is_present_without_a_value_and_never_a_sequence()
    {
        var set = RuleSet.Parse("FORMAT dicom\n%filter graylist\nLABEL e\n  empty SequenceOfUltrasoundRegions\n", "e.dicom");
        Assert.False(set.Detect(new FakeHeader().AddItem("SequenceOfUltrasoundRegions", new FakeHeader())).Flagged);
        Assert.False(set.Detect(new FakeHeader()).Flagged);
    }

    [Fact]
    public void Detection_reads_the_file_meta_group_for_ctp_identifiers()
    {
        var set = RuleSet.Parse("{ Modality.equals(\"US\") * ImplementationVersionName.contains(\"MINDRAY\") } (0,0,1229,69)", "m.script");
        Assert.False(set.Detect(Epiq()).Flagged);
        Assert.True(set.Detect(Epiq().Set("ImplementationVersionName", "MINDRAY_1.0")).Flagged);

        // On a real file the element lives in the file meta group (0002,0013).
        var file = PixelScrub.Dicom.DicomFile.Open(SharedFiles.Corpus("pydicom/CT_small.dcm"), PixelScrub.Dicom.DicomReadOptions.Header);
        var ct = RuleSet.Parse("{ ImplementationVersionName.equals(\"DCTOOL100\") } (0,0,10,10)", "i.script").Detect(file);
        Assert.Contains("ImplementationVersionName = \"DCTOOL100\"", Assert.Single(ct.Matches).Reason, StringComparison.Ordinal);
    }
}
