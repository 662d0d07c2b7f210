using PixelScrub.Tests.Text.Generated;
using PixelScrub.Text.Ocr;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text.Ocr;

/// <summary>
/// Text over the image drawn in a mid-grey the speckle also reaches (a green or cyan line as luminance, 149-158) keeps
/// the grain in its binarized and smooth crops, which Tesseract reads as junk ("SVS Woes", "LOY OOS" in the generated
/// corpus); its own value alone (<see cref="LineImage.Rendering.ByValue"/>) shows the glyphs without the image.
/// </summary>
public sealed class ByValueTests
{
    /// <summary>Speckle like the generated corpus's sector (10..190, blobs of a few pixels) with one line drawn at <paramref name="level"/>.</summary>
    private static (GreyImage Grey, PixelScrub.Masks.Region Box) Frame(string text, byte level, int seed, int jitter = 0)
    {
        const int w = 420, h = 90;
        var rng = new Random(seed);
        var pixels = Speckle.Pixels(w, h, rng);

        var before = (byte[])pixels.Clone();
        var box = TextInk.DrawGrey(pixels, w, text, Face.Sans, 28, 20, 24, level);
        // A JPEG spreads the one value over a few levels.
        if (jitter > 0) Speckle.Jitter(pixels, before, level, jitter, rng);
        return (new GreyImage(w, h, pixels), box);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    public void Mid_grey_text_over_speckle_reads_by_its_value(int seed, int jitter)
    {
        var (grey, box) = Frame("37698043", 149, seed, jitter);
        var candidate = new TextCandidate(box, BrightText: true, Density: 0.3, OverImage: true);
        var layer = LineImage.ByValue(grey, candidate);
        Assert.NotNull(layer);
        using var engine = TesseractEngine.Create();
        string read = string.Concat(engine.Read(layer.Image, tryInverted: false).Select(w => w.Text));
        Assert.Contains("37698043", read);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Speckle_alone_has_no_ink_value(int seed)
    {
        var (grey, _) = Frame("", 149, seed);
        var box = new PixelScrub.Masks.Region(20, 24, 260, 52);
        Assert.Null(LineImage.ByValue(grey, new TextCandidate(box, BrightText: true, Density: 0.3, OverImage: true)));
        Assert.Null(LineImage.ByValue(grey, new TextCandidate(box, BrightText: false, Density: 0.3, OverImage: true)));
    }

    /// <summary>A smooth spread of values (image content) with <paramref name="spike"/> pixels at folded value 40, spread over ±<paramref name="spread"/>.</summary>
    private static int[] Histogram(int spike, int spread, int centre = 40)
    {
        var histogram = new int[256];
        for (int v = 20; v < 200; v++) histogram[v] = 40 + (v * 7 % 11); // a little uneven, as real content is
        for (int i = 0; i < spike; i++) histogram[centre + (spread == 0 ? 0 : i % (2 * spread + 1) - spread)]++;
        return histogram;
    }

    [Fact]
    public void Find_takes_an_exact_peak_with_no_tolerance()
    {
        var h = Histogram(800, 0);
        Assert.Equal((40, 0), InkValue.Find(h, h.Sum()));
    }

    [Fact]
    public void Find_takes_a_spread_peak_with_its_width()
    {
        var h = Histogram(1400, 3);
        var found = InkValue.Find(h, h.Sum());
        Assert.NotNull(found);
        Assert.InRange(found.Value.Value, 39, 41);
        Assert.InRange(found.Value.Tolerance, 2, 4);
    }

    [Fact]
    public void Find_refuses_content_alone_a_small_peak_and_one_near_the_median()
    {
        var plain = Histogram(0, 0);
        Assert.Null(InkValue.Find(plain, plain.Sum()));
        var small = Histogram(60, 0); // under 2% of the crop
        Assert.Null(InkValue.Find(small, small.Sum()));
        var near = Histogram(800, 0, centre: 105); // the median of the spread is about 110
        Assert.Null(InkValue.Find(near, near.Sum()));
    }
}
