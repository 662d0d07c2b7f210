using PixelScrub.Imaging;
using PixelScrub.Text.Ocr;

namespace PixelScrub.Tests.Text.Ocr;

public sealed class SpeckleFilterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Margin = LineImage.Border;

    /// <summary>
    /// Every candidate line of the real ultrasounds (all frames of the three files) that the filter drops, prepared as the
    /// scanner prepares it for the filter, is read by Tesseract anyway: none of it shows the PHI the `tesseract` command reads from these images, nor a date, time or
    /// run of digits. And the filter does drop something there (the strips of tissue the proposer finds).
    /// </summary>
    [Fact]
    public void Lines_dropped_on_the_real_ultrasounds_hold_no_phi()
    {
        // The crop the scanner filters: its first choice, binarized over image content (TextScanner).
        var (_, dropped) = UltrasoundText.AssertDroppedHoldNoPhi(output, (grey, candidates) => candidates
            .Select(c => LineImage.From(grey, c, c.OverImage ? LineImage.Rendering.Binarized : LineImage.Rendering.Smooth).Image)
            .Where(line => SpeckleFilter.IsSpeckle(line, Margin)));
        Assert.True(dropped > 0, "the filter drops the tissue strips of the corpus ultrasounds");
    }

    [Fact]
    public void A_strip_of_speckle_is_dropped()
    {
        // Mostly dark with bright grains everywhere: every column holds strong ink of both polarities.
        var random = new Random(11);
        var image = Blank(600, 60, (_, _) => random.Next(100) < 80 ? (byte)random.Next(0, 100) : (byte)random.Next(200, 256));
        Assert.True(SpeckleFilter.IsSpeckle(image, Margin));
    }

    /// <summary>
    /// Text in either polarity over a busy background stays: dark text on light grain, and light text on dark grain (a
    /// candidate whose polarity came out wrong: most pixels dark, so the ink test alone would drop it, but the columns
    /// between characters hold no bright pixel).
    /// </summary>
    [Theory]
    [InlineData(12, 140, 256, "DOE^JANE 01/31/1970", 0)]
    [InlineData(13, 0, 110, "ID 00047431395", 255)]
    public void Text_on_a_grainy_background_is_kept(int seed, int backgroundMin, int backgroundMax, string text, byte ink)
    {
        var random = new Random(seed);
        var image = Blank(600, 60, (_, _) => (byte)random.Next(backgroundMin, backgroundMax));
        Draw(image, text, ink);
        Assert.False(SpeckleFilter.IsSpeckle(image, Margin));
    }

    /// <summary>A line image as <see cref="LineImage"/> makes it: white margin, the inside filled by <paramref name="fill"/>.</summary>
    private static OcrImage Blank(int width, int height, Func<int, int, byte> fill)
    {
        var pixels = new byte[width * height];
        pixels.AsSpan().Fill(255);
        for (int y = Margin; y < height - Margin; y++)
        for (int x = Margin; x < width - Margin; x++)
            pixels[y * width + x] = fill(x, y);
        return new OcrImage(width, height, pixels);
    }

    private static void Draw(OcrImage image, string text, byte ink) =>
        BitmapFont.DrawText<byte>(image.Pixels, image.Width, image.Height, image.Width, 1, Margin + 6, Margin + 8, text, [ink], 3);
}
