using PixelScrub.Imaging;
using PixelScrub.Masks;

namespace PixelScrub.Tests.Imaging;

public sealed class CompareImageTests
{
    private static RenderedImage Gradient(int width, int height)
    {
        var image = new RenderedImage(width, height, 1);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) image.Pixels[y * width + x] = (byte)(40 + x * 3 + y);
        return image;
    }

    private static Rgb At(RenderedImage image, int x, int y)
    {
        int o = (y * image.Width + x) * 3;
        return new Rgb(image.Pixels[o], image.Pixels[o + 1], image.Pixels[o + 2]);
    }

    [Fact]
    public void PanelsRegionsAndLabelAreWhereTheyBelong()
    {
        var original = Gradient(40, 30);
        var cleaned = Gradient(40, 30);
        var clean = new Region(5, 5, 15, 10);
        for (int y = clean.Y0; y < clean.Y1; y++)
            for (int x = clean.X0; x < clean.X1; x++) cleaned.Pixels[y * 40 + x] = 0;
        var keep = new Region(20, 20, 30, 25);

        var compare = CompareImage.Compose(original, cleaned, [clean], [keep], "a.dcm: name");
        const int margin = 8, gap = 12, line = 9;
        Assert.Equal(margin * 2 + 40 * 2 + gap, compare.Width);
        int panelY = margin + line + line; // label line, then the captions
        Assert.Equal(panelY + 30 + margin, compare.Height);
        Assert.Equal(3, compare.Channels);
        int rightX = margin + 40 + gap;

        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                bool onClean = OnBorder(clean, x, y), onKeep = OnBorder(keep, x, y);
                var l = At(compare, margin + x, panelY + y);
                var r = At(compare, rightX + x, panelY + y);
                if (onClean)
                {
                    Assert.Equal(Rgb.Red, l);
                    Assert.Equal(Rgb.Red, r);
                }
                else if (onKeep)
                {
                    Assert.Equal(Rgb.Green, l);
                    Assert.Equal(Rgb.Green, r);
                }
                else
                {
                    byte o = original.Pixels[y * 40 + x], c = cleaned.Pixels[y * 40 + x];
                    Assert.Equal(new Rgb(o, o, o), l);
                    Assert.Equal(new Rgb(c, c, c), r);
                }
            }
        }

        // The label is the font's rendering of the text at the top-left margin.
        var expected = new RenderedImage(compare.Width, compare.Height, 3);
        BitmapFont.DrawText(expected, margin, margin, "a.dcm: name", Rgb.White, 1);
        for (int y = margin; y < margin + 7; y++)
        {
            for (int x = 0; x < compare.Width; x++)
            {
                bool ink = expected.Pixels[(y * compare.Width + x) * 3] == 255;
                Assert.Equal(ink ? CompareImage.TextColour : CompareImage.Background, At(compare, x, y));
            }
        }
    }

    private static bool OnBorder(Region r, int x, int y) =>
        x >= r.X0 && x < r.X1 && y >= r.Y0 && y < r.Y1 && (x == r.X0 || x == r.X1 - 1 || y == r.Y0 || y == r.Y1 - 1);

    [Fact]
    public void ScalingEnlargesPanelsAndRegions()
    {
        var original = Gradient(20, 10);
        var compare = CompareImage.Compose(original, original, [new Region(2, 2, 6, 5)], [], "", scale: 3);
        const int margin = 8;
        Assert.Equal(margin * 2 + 60 * 2 + 12, compare.Width);
        int panelY = margin + 9; // no label: captions only
        Assert.Equal(panelY + 30 + margin, compare.Height);
        Assert.Equal(Rgb.Red, At(compare, margin + 6, panelY + 6));   // top-left corner of the region, scaled
        Assert.Equal(Rgb.Red, At(compare, margin + 17, panelY + 14)); // bottom-right, (6*3-1, 5*3-1)
        byte v = original.Pixels[3 * 20 + 3];
        Assert.Equal(new Rgb(v, v, v), At(compare, margin + 10, panelY + 10)); // inside: source pixel (3, 3)
    }

    [Fact]
    public void RegionsOutsideTheFrameAreClippedAndMismatchedFramesRefused()
    {
        var a = Gradient(16, 16);
        var compare = CompareImage.Compose(a, a, [new Region(-10, -10, 100, 4), new Region(50, 50, 60, 60)], [new Region(3, 3, 3, 9)], "x");
        Assert.Equal(Rgb.Red, At(compare, 8, 8 + 18));
        Assert.Throws<ArgumentException>(() => CompareImage.Compose(a, Gradient(16, 15), [], [], "x"));
    }

    [Fact]
    public void LongLabelsAreCutToTheWidth()
    {
        var a = Gradient(10, 10);
        var compare = CompareImage.Compose(a, a, [], [], new string('W', 500));
        Assert.Equal(8 * 2 + 20 + 12, compare.Width);
    }

    [Fact]
    public void NearestEnlargesAndBoxShrinks()
    {
        var image = new RenderedImage(4, 2, 1, [0, 10, 20, 30, 40, 50, 60, 70]);
        var big = ImageScaler.Scale(image, 2);
        Assert.Equal((8, 4), (big.Width, big.Height));
        Assert.Equal(new byte[] { 0, 0, 10, 10, 20, 20, 30, 30 }, big.Row(0).ToArray());
        Assert.Equal(big.Row(0).ToArray(), big.Row(1).ToArray());
        Assert.Equal(new byte[] { 40, 40, 50, 50, 60, 60, 70, 70 }, big.Row(3).ToArray());

        var small = ImageScaler.Scale(image, 0.5);
        Assert.Equal((2, 1), (small.Width, small.Height));
        Assert.Equal(new byte[] { 25, 45 }, small.Pixels); // (0+10+40+50)/4, (20+30+60+70)/4

        var rgb = new RenderedImage(3, 1, 3, [255, 0, 0, 0, 255, 0, 0, 0, 255]);
        var rgbSmall = ImageScaler.Box(rgb, 1, 1);
        Assert.Equal(new byte[] { 85, 85, 85 }, rgbSmall.Pixels);
        Assert.Same(image, ImageScaler.Scale(image, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageScaler.Scale(image, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageScaler.Scale(image, double.NaN));
    }
}
