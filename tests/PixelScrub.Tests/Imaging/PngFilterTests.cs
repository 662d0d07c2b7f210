using PixelScrub.Imaging;

namespace PixelScrub.Tests.Imaging;

public sealed class PngFilterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void VectorAndScalarFiltersAgree(int bpp)
    {
        var rng = new Random(bpp);
        foreach (int length in new[] { 1, 2, 3, 15, 16, 17, 18, 19, 31, 32, 33, 47, 100, 255, 3072, 3 * 5000 })
        {
            for (int trial = 0; trial < 6; trial++)
            {
                var row = new byte[length];
                var previous = new byte[length];
                rng.NextBytes(row);
                rng.NextBytes(previous);
                if (trial % 2 == 1)
                {
                    // Smooth rows make different filters win.
                    for (int i = 0; i < length; i++)
                    {
                        row[i] = (byte)(i * trial / 3 + (rng.Next(3)));
                        previous[i] = (byte)(i * trial / 3);
                    }
                }

                ReadOnlySpan<byte> prev = trial == 4 ? default : previous;
                Assert.Equal(PngFilter.ChooseFilterScalar(row, prev, bpp), PngFilter.ChooseFilter(row, prev, bpp));
                for (byte type = 0; type <= 4; type++)
                {
                    var expected = new byte[length];
                    var actual = new byte[length];
                    PngFilter.ApplyScalar(type, row, prev, bpp, expected);
                    PngFilter.Apply(type, row, prev, bpp, actual);
                    Assert.Equal(expected, actual);
                }
            }
        }
    }

    [Fact]
    public void PaethPredictorFollowsTheSpecification()
    {
        // PNG spec 9.4: ties prefer a, then b, then c.
        Assert.Equal(10, PngFilter.Paeth(10, 10, 10));
        Assert.Equal(20, PngFilter.Paeth(10, 20, 10)); // p = 20: pa 10, pb 0, pc 10
        Assert.Equal(10, PngFilter.Paeth(10, 20, 20)); // p = 10: pa 0
        for (int a = 0; a < 256; a += 17)
            for (int b = 0; b < 256; b += 13)
                for (int c = 0; c < 256; c += 11)
                {
                    int p = a + b - c;
                    int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    int expected = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    Assert.Equal(expected, PngFilter.Paeth(a, b, c));
                }
    }

    [Fact]
    public void ScoresSeeMinus128AsLarge()
    {
        // A row whose Sub output is all 0x80 (-128) must not score as zero.
        var row = new byte[64];
        for (int i = 0; i < row.Length; i++) row[i] = (byte)(i * 128);
        var previous = new byte[64];
        Assert.Equal(PngFilter.ChooseFilterScalar(row, previous, 1), PngFilter.ChooseFilter(row, previous, 1));
        Assert.NotEqual(1, PngFilter.ChooseFilter(row, previous, 1));
    }
}
