using PixelScrub.Masks;
using PixelScrub.Rules;

namespace PixelScrub.Tests.Rules.Ctp;

/// <summary>CTP expression and pixel script semantics (done means 3).</summary>
public class CtpSemanticsTests
{
    private static bool Eval(string expression, FakeHeader header) =>
        RuleSet.Parse(expression, "t.script").Files[0].Groups[0].Rules[0].Condition.Evaluate(header);

    private static FakeHeader Header() => new FakeHeader().Set("Modality", "CT").Set("Manufacturer", "GE MEDICAL SYSTEMS").Set("Rows", "512").Set("Columns", "512");

    [Theory]
    // NOT binds tighter than AND, AND tighter than OR.
    [InlineData("Modality.equals(\"MR\") + Modality.equals(\"CT\") * Rows.equals(\"1\")", false)] // F + (T * F)
    [InlineData("Modality.equals(\"CT\") + Modality.equals(\"MR\") * Rows.equals(\"1\")", true)]  // T + (F * F); (T + F) * F would be F
    [InlineData("(Modality.equals(\"CT\") + Modality.equals(\"MR\")) * Rows.equals(\"1\")", false)]
    [InlineData("!Modality.equals(\"MR\") * Rows.equals(\"512\")", true)]
    [InlineData("!Modality.equals(\"CT\") + Rows.equals(\"512\")", true)]                        // (!T) + T; !(T + T) would be F
    [InlineData("!(Modality.equals(\"CT\") + Rows.equals(\"512\"))", false)]
    [InlineData("true.", true)]
    [InlineData("false.", false)]
    [InlineData("false. + true. * false.", false)]
    [InlineData("true. + false. * false.", true)]
    [InlineData("!!true.", true)]
    public void Precedence_is_not_over_and_over_or(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression, Header()));

    [Theory]
    [InlineData("PatientName.equals(\"\")", true)]
    [InlineData("PatientName.startsWith(\"\")", true)]
    [InlineData("PatientName.contains(\"A\")", false)]
    [InlineData("!PatientName.containsIgnoreCase(\"x\")", true)]
    [InlineData("[0018,1012].equals(\"\")", true)]
    public void A_missing_element_reads_as_empty_text(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression, Header()));

    [Theory]
    [InlineData("ImageType.equals(\"DERIVED\\SECONDARY\\SCREEN SAVE\")", true)]
    [InlineData("ImageType.contains(\"SECONDARY\\SCREEN\")", true)]
    [InlineData("ImageType.endsWith(\"SAVE\")", true)]
    [InlineData("ImageType.equals(\"DERIVED\")", false)]
    public void Multiple_values_are_joined_with_backslash(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression, Header().Set("ImageType", "DERIVED", "SECONDARY", "SCREEN SAVE")));

    [Theory]
    [InlineData("Manufacturer.equals(\"GE MEDICAL SYSTEMS\")", true)]
    [InlineData("Manufacturer.equals(\"ge medical systems\")", false)]
    [InlineData("Manufacturer.equalsIgnoreCase(\"ge medical systems\")", true)]
    [InlineData("Manufacturer.contains(\"MEDICAL\")", true)]
    [InlineData("Manufacturer.contains(\"medical\")", false)]
    [InlineData("Manufacturer.containsIgnoreCase(\"medical\")", true)]
    [InlineData("Manufacturer.startsWith(\"GE \")", true)]
    [InlineData("Manufacturer.startsWith(\"ge \")", false)]
    [InlineData("Manufacturer.startsWithIgnoreCase(\"ge \")", true)]
    [InlineData("Manufacturer.endsWith(\"SYSTEMS\")", true)]
    [InlineData("Manufacturer.endsWithIgnoreCase(\"systems\")", true)]
    [InlineData("Manufacturer.matches(\"GE.*\")", true)]
    [InlineData("Manufacturer.matches(\"MEDICAL\")", false)] // whole value, as Java's String.matches
    [InlineData("Manufacturer.matches(\"ge.*\")", false)]
    [InlineData("Rows.isLessThan(\"600\")", true)]
    [InlineData("Rows.isLessThan(\"512\")", false)]
    [InlineData("Rows.isGreaterThan(\"511.5\")", true)]
    [InlineData("SliceThickness.isGreaterThan(\"2\")", true)]  // "2.5 mm" reads 2.5
    [InlineData("SliceThickness.isLessThan(\"3\")", true)]
    [InlineData("PatientName.isLessThan(\"3\")", false)]       // no number: false
    [InlineData("Manufacturer.containsIgnoreCase (\"medical\")", true)] // space before '(' as in CTP's library
    public void Methods_behave_as_in_ctp(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression, Header().Set("SliceThickness", "2.5 mm")));

    [Fact]
    public void Identifiers_resolve_keywords_dcm4che_names_tags_hex_private_and_sequences()
    {
        var h = Header()
            .Set(0x0029_0010, "SIEMENS CSA HEADER")
            .Set(0x0029_1008, "IMAGE NUM 4")
            .Set("PatientName", "Doe^Jane")
            .AddItem("ReferencedImageSequence", new FakeHeader().Set("ReferencedSOPClassUID", "1.2.3"));
        Assert.True(Eval("PatientsName.equals(\"Doe^Jane\")", h));                       // old possessive name
        Assert.True(Eval("RefImageSeq::RefSOPClassUID.equals(\"1.2.3\")", h));           // dcm4che 1.x abbreviations
        Assert.True(Eval("ReferencedImageSequence::ReferencedSOPClassUID.equals(\"1.2.3\")", h));
        Assert.True(Eval("[0008,1140]::[0008,1150].equals(\"1.2.3\")", h));
        Assert.True(Eval("[00080060].equals(\"CT\")", h));
        Assert.True(Eval("0x00080060.equals(\"CT\")", h));
        Assert.True(Eval("[0029[SIEMENS CSA HEADER]08].startsWith(\"IMAGE NUM\")", h));
        Assert.False(Eval("[0029[OTHER CREATOR]08].startsWith(\"IMAGE NUM\")", h));
        Assert.True(Eval("[0029[OTHER CREATOR]08].equals(\"\")", h));                    // missing is ""
    }

    [Fact]
    public void Every_identifier_the_shared_ctp_scripts_use_resolves()
    {
        foreach (var name in new[] { "DicomPixelAnonymizer.script", "example-dicom-pixel-anonymizer.script", "BurnedInPixelsFilter.script", "example-filter.script" })
        {
            var set = RuleSet.Load(Support.SharedFiles.Rules("ctp/" + name));
            foreach (var rule in set.Files[0].Groups.SelectMany(g => g.Rules))
            {
                var leaves = new List<PixelScrub.Rules.Condition>();
                rule.Condition.CollectLeaves(leaves);
                Assert.All(leaves.OfType<PixelScrub.Rules.Ctp.CtpMethodCondition>(), l => Assert.False(l.Field.IsUnknown));
            }
        }
    }

    [Fact]
    public void Comments_and_whitespace_are_ignored() =>
        Assert.True(Eval("// a comment\n  Modality.equals(\"CT\") // trailing\n * // between\n Rows.equals(\"512\")", Header()));

    [Fact]
    public void First_matching_signature_wins()
    {
        var set = RuleSet.Parse("""
            first
            { Modality.equals("CT") } (0,0,10,10)
            second
            { Rows.equals("512") } (20,20,5,5)
            """, "p.script");
        var d = set.Detect(Header());
        var m = Assert.Single(d.Matches);
        Assert.Equal("first", m.Label);
        Assert.Equal([new MaskOperation(MaskValue.Clean, new Region(0, 0, 10, 10))], m.Operations);
        Assert.Equal(Decision.Clean, d.Decision);

        var other = set.Detect(Header().Set("Modality", "MR"));
        Assert.Equal("second", Assert.Single(other.Matches).Label);
    }

    [Fact]
    public void A_signature_without_regions_leaves_the_image_alone()
    {
        var set = RuleSet.Parse("""
            known clean device
            { Manufacturer.contains("GE") }
            catch all
            { true. } (0,0,100,100)
            """, "p.script");
        var d = set.Detect(Header());
        var m = Assert.Single(d.Matches);
        Assert.True(m.IsLeaveAlone);
        Assert.Empty(d.Operations);
        Assert.Equal(Decision.Pass, d.Decision);
        Assert.Equal(Decision.Clean, set.Detect(Header().Set("Manufacturer", "SIEMENS")).Decision);
    }

    [Theory]
    [InlineData("(0,0,10,10)", 0, 0, 10, 10)]
    [InlineData("(-100,0,100,20)", 412, 0, 512, 20)]      // negative x counts from the right edge
    [InlineData("(0,-30,512,30)", 0, 482, 512, 512)]      // negative y counts from the bottom edge
    [InlineData("(-50,-50,100,100)", 462, 462, 512, 512)] // and clips
    [InlineData("(500,500,100,100)", 500, 500, 512, 512)] // clipped to the image
    public void Regions_convert_with_negative_offsets_and_clipping(string region, int x0, int y0, int x1, int y1)
    {
        var set = RuleSet.Parse("{ true. } " + region, "p.script");
        var op = Assert.Single(set.Detect(Header()).Operations);
        Assert.Equal(new Region(x0, y0, x1, y1), op.Region);
        Assert.Equal(MaskValue.Clean, op.Value);
    }

    [Fact]
    public void A_region_entirely_outside_the_image_gives_no_operation_but_still_states_cleaning()
    {
        var d = RuleSet.Parse("{ true. } (600,600,10,10)", "p.script").Detect(Header());
        Assert.Empty(d.Operations);
        Assert.Equal(Decision.Clean, d.Decision);
    }

    [Fact]
    public void Filter_script_false_quarantines_and_true_passes()
    {
        var filter = RuleSet.Parse("!ImageType.contains(\"SAVE\") * !BurnedInAnnotation.contains(\"YES\")", "f.script");
        var pass = filter.Detect(Header().Set("ImageType", "ORIGINAL", "PRIMARY"));
        Assert.False(pass.Flagged);
        Assert.Equal(Decision.Pass, pass.Decision);
        var reject = filter.Detect(Header().Set("BurnedInAnnotation", "YES"));
        Assert.True(reject.Flagged);
        Assert.Equal(Decision.Quarantine, reject.Decision);
        Assert.Contains("BurnedInAnnotation = \"YES\"", Assert.Single(reject.Matches).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_names_the_fields_and_values_that_matched()
    {
        var set = RuleSet.Parse("EPIQ\n{ ManufacturerModelName.containsIgnoreCase(\"EPIQ\") * (Rows.equals(\"600\") + Rows.equals(\"768\")) } (0,0,1024,49)", "p.script");
        var m = Assert.Single(set.Detect(Header().Set("ManufacturerModelName", "EPIQ 7G").Set("Rows", "768")).Matches);
        Assert.Equal("ManufacturerModelName.containsIgnoreCase(\"EPIQ\") (ManufacturerModelName = \"EPIQ 7G\") and Rows.equals(\"768\") (Rows = \"768\")", m.Reason);
    }
}
