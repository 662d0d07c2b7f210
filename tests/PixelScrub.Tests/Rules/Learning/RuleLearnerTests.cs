using PixelScrub.Masks;
using PixelScrub.Rules;
using PixelScrub.Rules.Learning;
using PixelScrub.Tests.Rules;
using PixelScrub.Text;

namespace PixelScrub.Tests.Rules.Learning;

public sealed class RuleLearnerTests
{
    private static FakeHeader Device(string manufacturer = "ACME", string model = "SONO 5", string rows = "384", string columns = "512") =>
        new FakeHeader().Set("Manufacturer", manufacturer).Set("ManufacturerModelName", model).Set("Rows", rows).Set("Columns", columns)
            .Set("PhotometricInterpretation", "MONOCHROME2");

    private static TextFinding Phi(int x0, int y0, int x1, int y1, TextSource source = TextSource.Pixels)
    {
        var box = new Region(x0, y0, x1, y1);
        return new TextFinding(new TextLine("DOE", box, 90, 0, source, []), TextVerdict.Phi("PatientName"), "test");
    }

    private static TextFinding Allowed(int x0, int y0, int x1, int y1)
    {
        var box = new Region(x0, y0, x1, y1);
        return new TextFinding(new TextLine("MI 0.8", box, 90, 0, TextSource.Pixels, []), TextVerdict.Allowed, "test");
    }

    [Fact]
    public void Unite_merges_overlapping_and_touching_boxes_and_keeps_apart_ones()
    {
        var united = RuleLearner.Unite([new Region(0, 0, 10, 10), new Region(5, 5, 20, 12), new Region(20, 0, 30, 4), new Region(100, 100, 110, 110)]);
        Assert.Equal([new Region(0, 0, 30, 12), new Region(100, 100, 110, 110)], united);
    }

    [Fact]
    public void Recipe_gives_one_label_per_signature_that_clean_applies()
    {
        var learner = new RuleLearner(padding: 2);
        learner.Add(Device(), [Phi(10, 4, 200, 20), Allowed(400, 4, 500, 20)]);
        learner.Add(Device(), [Phi(10, 4, 260, 20), Phi(10, 30, 120, 44)]);
        learner.Add(Device(model: "SONO 7"), [Phi(0, 0, 40, 10)]);
        learner.Add(Device(manufacturer: "OTHER"), [Allowed(0, 0, 5, 5)]);
        learner.Add(Device(model: "SONO 7"), [Phi(300, 370, 600, 390, TextSource.Overlay)]); // overlays are removed by clean, not learned

        string recipe = learner.Recipe("test");
        var rules = RuleSet.Parse(recipe, "learned.dicom");

        var sono5 = rules.Detect(Device());
        Assert.Equal(Decision.Clean, sono5.Decision);
        var mask = sono5.BuildMask();
        // Padded by 2, and taken on to the left edge, which the boxes start within 1.5 of their heights of
        // (TextFinding.RedactionRegion: what `clean --text redact` removes).
        Assert.Equal(new Region(0, 2, 262, 46), mask.CleanBounds());
        Assert.True(mask.IsClean(0, 2) && mask.IsClean(261, 21) && mask.IsClean(121, 45));
        Assert.False(mask.IsClean(200, 40)); // between the two united boxes
        Assert.False(mask.IsClean(450, 10)); // the allowed annotation stays

        var sono7 = rules.Detect(Device(model: "SONO 7"));
        Assert.Equal(new Region(0, 0, 42, 12), sono7.BuildMask().CleanBounds());

        Assert.Equal(Decision.Pass, rules.Detect(Device(manufacturer: "OTHER")).Decision); // no PHI seen: no rule, a comment
        Assert.Contains("# learned: OTHER SONO 5 512x384 MONOCHROME2: 1 file(s), 0 PHI line(s), no PHI text found", recipe, StringComparison.Ordinal);
        Assert.Equal(Decision.Pass, rules.Detect(Device(rows: "768")).Decision); // another size is another layout
        Assert.Equal(Decision.Pass, rules.Detect(Device().Set("SequenceOfUltrasoundRegions")).Decision);
    }

    [Fact]
    public void Missing_and_empty_values_and_comment_marks_stay_expressible()
    {
        var header = new FakeHeader().Set("Manufacturer", "").Set("Rows", "100").Set("Columns", "100").Set("ManufacturerModelName", "X#1");
        var learner = new RuleLearner();
        learner.Add(header, [Phi(0, 0, 10, 10)]);
        var rules = RuleSet.Parse(learner.Recipe("t"), "learned.dicom");
        Assert.Contains("empty Manufacturer", learner.Recipe("t"), StringComparison.Ordinal);
        Assert.Contains("missing PhotometricInterpretation", learner.Recipe("t"), StringComparison.Ordinal);
        Assert.Equal(Decision.Pass, rules.Detect(header).Decision); // '#' cannot be written in a value: the criterion asks for "X 1"
        var plain = new FakeHeader().Set("Manufacturer", "").Set("Rows", "100").Set("Columns", "100").Set("ManufacturerModelName", "X 1");
        Assert.Equal(Decision.Clean, rules.Detect(plain).Decision);
    }

    [Fact]
    public void Boxes_are_clipped_to_the_image()
    {
        var learner = new RuleLearner(padding: 5);
        learner.Add(Device(), [Phi(0, 0, 512, 10)]);
        var (_, _, regions) = Assert.Single(learner.Groups());
        Assert.Equal([new Region(0, 0, 512, 15)], regions);
    }

    [Fact]
    public void Output_may_not_be_an_input()
    {
        string dir = Directory.CreateTempSubdirectory("learn-out").FullName;
        try
        {
            var input = Path.Combine(dir, "a.dcm");
            File.WriteAllText(input, "x");
            Assert.Throws<ArgumentException>(() => LearnRunner.CheckOutput(input, [input]));
            Assert.Throws<ArgumentException>(() => LearnRunner.CheckOutput(Path.Combine(dir, ".", "a.dcm"), [input]));
            Assert.Throws<ArgumentException>(() => LearnRunner.CheckOutput(dir, [input]));
            LearnRunner.CheckOutput(Path.Combine(dir, "r.dicom"), [input]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
