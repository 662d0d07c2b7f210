using PixelScrub.Codecs.Jpeg;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class ColorAndSamplingTests
{
    [Fact]
    public void GreyMapsToNeutralChromaAndBack()
    {
        var rgb = new byte[256 * 3];
        for (int i = 0; i < 256; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte)i;
        var y = new byte[256];
        var cb = new byte[256];
        var cr = new byte[256];
        ColorConversion.RgbToYCbCr(rgb, 256, y, cb, cr);
        var back = new byte[256 * 3];
        ColorConversion.YCbCrToRgb<byte>(y, cb, cr, 256, back, 128, 255);
        for (int i = 0; i < 256; i++)
        {
            Assert.Equal(i, y[i]);
            Assert.Equal(128, cb[i]);
            Assert.Equal(128, cr[i]);
        }

        Assert.Equal(rgb, back);
    }

    [Fact]
    public void ColourRoundTripIsWithinTwo()
    {
        var random = new Random(11);
        var rgb = new byte[4096 * 3];
        random.NextBytes(rgb);
        var y = new byte[4096];
        var cb = new byte[4096];
        var cr = new byte[4096];
        ColorConversion.RgbToYCbCr(rgb, 4096, y, cb, cr);
        var back = new byte[4096 * 3];
        ColorConversion.YCbCrToRgb<byte>(y, cb, cr, 4096, back, 128, 255);
        for (int i = 0; i < rgb.Length; i++) Assert.InRange(back[i] - rgb[i], -2, 2);
    }

    [Fact]
    public void PrimariesMapToTheT871Values()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255];
        var y = new byte[3];
        var cb = new byte[3];
        var cr = new byte[3];
        ColorConversion.RgbToYCbCr(rgb, 3, y, cb, cr);
        // T.871: Y = 0.299R + 0.587G + 0.114B; Cb = 128 - 0.1687R - 0.3313G + 0.5B; Cr = 128 + 0.5R - 0.4187G - 0.0813B.
        Assert.Equal([76, 150, 29], y);
        Assert.Equal([85, 44, 255], cb);
        Assert.Equal([255, 21, 107], cr);
    }

    [Fact]
    public void VectorConversionEqualsTheScalarOne()
    {
        var random = new Random(17);
        foreach (int width in new[] { 1, 15, 16, 17, 47, 64, 1000 })
        {
            var y = new byte[width];
            var cb = new byte[width];
            var cr = new byte[width];
            random.NextBytes(y);
            random.NextBytes(cb);
            random.NextBytes(cr);
            // include the extremes, where clamping matters
            y[0] = 255; cb[0] = 255; cr[0] = 255;
            y[width - 1] = 0; cb[width - 1] = 0; cr[width - 1] = 0;
            var scalar = new byte[3 * width];
            var fast = new byte[3 * width];
            ColorConversion.YCbCrToRgb<byte>(y, cb, cr, width, scalar, 128, 255);
            ColorConversion.YCbCrToRgb8(y, cb, cr, width, fast);
            Assert.Equal(scalar, fast);
        }
    }

    [Fact]
    public void TwelveBitConversionUsesTheCentre2048()
    {
        ushort[] y = [1000, 4095], cb = [2048, 2048], cr = [2048, 4095];
        var rgb = new ushort[6];
        ColorConversion.YCbCrToRgb<ushort>(y, cb, cr, 2, rgb, 2048, 4095);
        Assert.Equal([1000, 1000, 1000, 4095, 4095 - 1462, 4095], rgb);
    }

    [Fact]
    public void HorizontalTriangleFilterWeighsNearestThreeQuarters()
    {
        byte[] plane = [0, 100, 200, 40];
        var o = new byte[8];
        Upsampling.Row<byte>(plane, 4, 4, 1, 2, 1, 0, o);
        // ends repeat; inner pairs (3*a[i] + a[i-1] + 1) / 4 and (3*a[i] + a[i+1] + 2) / 4.
        Assert.Equal([0, 25, 75, 125, 175, 160, 80, 40], o);
    }

    [Fact]
    public void TwoByTwoTriangleFilterUsesTheNearerRow()
    {
        // 3 columns x 2 rows; output row 1 (lower half of input row 0) looks at input row 1.
        byte[] plane = [0, 0, 0, 160, 160, 160];
        var o = new byte[6];
        Upsampling.Row<byte>(plane, 3, 3, 2, 2, 2, 0, o);
        Assert.All(o, v => Assert.Equal(0, v)); // top edge: the row above is the row itself
        Upsampling.Row<byte>(plane, 3, 3, 2, 2, 2, 1, o);
        Assert.All(o, v => Assert.Equal(40, v)); // (3*0 + 160) * 4 / 16
        Upsampling.Row<byte>(plane, 3, 3, 2, 2, 2, 3, o);
        Assert.All(o, v => Assert.Equal(160, v)); // bottom edge repeats the last row
    }

    [Fact]
    public void OtherRatiosReplicate()
    {
        byte[] plane = [1, 2, 3, 4];
        var o = new byte[8];
        Upsampling.Row<byte>(plane, 2, 2, 2, 4, 1, 0, o);
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2], o);
        Upsampling.Row<byte>(plane, 2, 2, 2, 4, 1, 1, o);
        Assert.Equal([3, 3, 3, 3, 4, 4, 4, 4], o);
        // two-sample-wide components are replicated even at 2:1 (libjpeg needs three for the filter)
        var o2 = new byte[4];
        Upsampling.Row<byte>(plane, 2, 2, 2, 2, 1, 0, o2);
        Assert.Equal([1, 1, 2, 2], o2);
    }

    [Fact]
    public void BoxDownsamplingAveragesWithRounding()
    {
        byte[] plane = [0, 1, 10, 20, 2, 2, 30, 41];
        var o = new byte[2];
        Downsampling.Box(plane, 4, 2, 2, 2, o);
        Assert.Equal([1, 25], o); // (0+1+2+2+2)/4 = 1; (10+20+30+41+2)/4 = 25
    }
}
