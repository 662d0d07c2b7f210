using PixelScrub.Tests.Text.Generated;
using PixelScrub.Text;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text.Ocr;

/// <summary>
/// Text over the image is read binarized first, halfway between the ink and the median, so its first image is about as
/// dark in either polarity; its polarity is judged on its smooth image. Light text over speckle that the proposer took
/// as dark text (a miss of the generated corpus, seed 14: "MRN5431722" white SansBold 36 px) is turned.
/// </summary>
public sealed class OverImagePolarityTests
{
    /// <summary>Speckle like the generated corpus's sector (10..190, blobs of a few pixels) with one line drawn at <paramref name="level"/>.</summary>
    private static (GreyImage Grey, PixelScrub.Masks.Region Box) Frame(byte level, int seed)
    {
        const int w = 420, h = 90;
        var rng = new Random(seed);
        var pixels = Speckle.Pixels(w, h, rng);

        var box = TextInk.DrawGrey(pixels, w, "MRN5431722", Face.SansBold, 36, 20, 20, level);
        return (new GreyImage(w, h, pixels), box);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Light_text_over_speckle_taken_as_dark_is_turned(int seed)
    {
        var (grey, box) = Frame(255, seed);
        var wrong = new TextCandidate(box, BrightText: false, Density: 0.3, OverImage: true);
        var first = TextScanner.PrepareFirst(grey, wrong, TextSource.Pixels);
        Assert.True(first.Turned, $"ink share {first.Ink:0.00}");
        Assert.True(first.Candidate.BrightText);

        var right = new TextCandidate(box, BrightText: true, Density: 0.3, OverImage: true);
        Assert.False(TextScanner.PrepareFirst(grey, right, TextSource.Pixels).Turned);
    }
}
