using PixelScrub.Codecs.Jpeg;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class JpegQuantizationTablesTests
{
    [Fact]
    public void QualityFiftyIsTheTableAsPrinted()
    {
        var q = new ushort[64];
        JpegQuantizationTables.ScaleForQuality(JpegQuantizationTables.LuminanceQuantization, 50, true, q);
        for (int i = 0; i < 64; i++) Assert.Equal(JpegQuantizationTables.LuminanceQuantization[i], q[i]);
    }

    [Fact]
    public void QualityHundredIsAllOnesAndQualityOneIsClampedForBaseline()
    {
        var q = new ushort[64];
        JpegQuantizationTables.ScaleForQuality(JpegQuantizationTables.ChrominanceQuantization, 100, true, q);
        Assert.All(q, v => Assert.Equal(1, v));
        JpegQuantizationTables.ScaleForQuality(JpegQuantizationTables.ChrominanceQuantization, 1, true, q);
        Assert.All(q, v => Assert.InRange(v, 1, 255));
        Assert.Equal(255, q[63]);
        JpegQuantizationTables.ScaleForQuality(JpegQuantizationTables.ChrominanceQuantization, 1, false, q);
        Assert.Equal(99 * 50, q[63]);
    }

    [Fact]
    public void QualityNinetyScalesByTwentyPercent()
    {
        var q = new ushort[64];
        JpegQuantizationTables.ScaleForQuality(JpegQuantizationTables.LuminanceQuantization, 90, true, q);
        Assert.Equal(3, q[0]);   // 16 * 0.2 = 3.2
        Assert.Equal(20, q[63]); // 99 * 0.2 = 19.8
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void QualityOutsideOneToHundredIsRejected(int quality)
    {
        var q = new ushort[64];
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegQuantizationTables.ScaleForQuality(JpegQuantizationTables.LuminanceQuantization, quality, true, q));
    }
}
