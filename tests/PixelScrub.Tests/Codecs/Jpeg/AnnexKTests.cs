using PixelScrub.Codecs.Jpeg;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class AnnexKTests
{
    [Fact]
    public void QualityFiftyIsTheTableAsPrinted()
    {
        var q = new ushort[64];
        JpegAnnexK.ScaleForQuality(JpegAnnexK.LuminanceQuantization, 50, true, q);
        for (int i = 0; i < 64; i++) Assert.Equal(JpegAnnexK.LuminanceQuantization[i], q[i]);
    }

    [Fact]
    public void QualityHundredIsAllOnesAndQualityOneIsClampedForBaseline()
    {
        var q = new ushort[64];
        JpegAnnexK.ScaleForQuality(JpegAnnexK.ChrominanceQuantization, 100, true, q);
        Assert.All(q, v => Assert.Equal(1, v));
        JpegAnnexK.ScaleForQuality(JpegAnnexK.ChrominanceQuantization, 1, true, q);
        Assert.All(q, v => Assert.InRange(v, 1, 255));
        Assert.Equal(255, q[63]);
        JpegAnnexK.ScaleForQuality(JpegAnnexK.ChrominanceQuantization, 1, false, q);
        Assert.Equal(99 * 50, q[63]);
    }

    [Fact]
    public void QualityNinetyScalesByTwentyPercent()
    {
        var q = new ushort[64];
        JpegAnnexK.ScaleForQuality(JpegAnnexK.LuminanceQuantization, 90, true, q);
        Assert.Equal(3, q[0]);   // 16 * 0.2 = 3.2
        Assert.Equal(20, q[63]); // 99 * 0.2 = 19.8
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void QualityOutsideOneToHundredIsRejected(int quality)
    {
        var q = new ushort[64];
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegAnnexK.ScaleForQuality(JpegAnnexK.LuminanceQuantization, quality, true, q));
    }

    [Fact]
    public void HuffmanTablesHaveAsManyValuesAsCodes()
    {
        static int Sum(ReadOnlySpan<byte> bits)
        {
            int s = 0;
            foreach (var b in bits) s += b;
            return s;
        }

        Assert.Equal(JpegAnnexK.LuminanceDcValues.Length, Sum(JpegAnnexK.LuminanceDcBits));
        Assert.Equal(JpegAnnexK.ChrominanceDcValues.Length, Sum(JpegAnnexK.ChrominanceDcBits));
        Assert.Equal(162, Sum(JpegAnnexK.LuminanceAcBits));
        Assert.Equal(162, JpegAnnexK.LuminanceAcValues.Length);
        Assert.Equal(162, Sum(JpegAnnexK.ChrominanceAcBits));
        Assert.Equal(162, JpegAnnexK.ChrominanceAcValues.Length);
    }
}
