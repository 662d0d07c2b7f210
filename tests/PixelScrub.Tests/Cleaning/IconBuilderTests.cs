using PixelScrub.Cleaning;

namespace PixelScrub.Tests.Cleaning;

public class IconBuilderTests
{
    [Theory]
    [InlineData(1024, 768, 3, 128, 96)]
    [InlineData(512, 512, 1, 128, 128)]
    [InlineData(800, 600, 1, 128, 96)]
    [InlineData(300, 1000, 3, 38, 128)]
    [InlineData(5000, 10, 1, 128, 1)]   // never below one pixel
    [InlineData(100, 60, 3, 100, 60)]   // already small: kept as is
    public void Longest_side_becomes_128_and_the_aspect_ratio_is_kept(int columns, int rows, int channels, int expectedColumns, int expectedRows)
    {
        var pixels = new byte[columns * rows * channels];
        new Random(columns).NextBytes(pixels);
        var icon = IconBuilder.Build(pixels, columns, rows, channels);
        Assert.Equal(expectedColumns, icon.Columns);
        Assert.Equal(expectedRows, icon.Rows);
        Assert.Equal(expectedColumns * expectedRows * channels, icon.Pixels.Length);
        Assert.Equal(channels == 1 ? "MONOCHROME2" : "RGB", icon.Photometric);
    }

    [Fact]
    public void Each_icon_pixel_is_the_mean_of_its_box()
    {
        // 256x256 grey: every 2x2 box averages four known values.
        const int n = 256;
        var pixels = new byte[n * n];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++) pixels[y * n + x] = (byte)((x % 2) * 100 + (y % 2) * 40 + (x / 2 % 7));
        }

        var icon = IconBuilder.Build(pixels, n, n, 1);

        for (int oy = 0; oy < 128; oy++)
        {
            for (int ox = 0; ox < 128; ox++)
            {
                // (0 + 100 + 40 + 140) / 4 = 70, plus the per-box offset ox % 7
                Assert.Equal(70 + ox % 7, icon.Pixels[oy * 128 + ox]);
            }
        }
    }

    [Fact]
    public void Rgb_channels_are_averaged_separately_and_a_cleaned_band_stays_black()
    {
        const int w = 1024, h = 768;
        var pixels = new byte[w * h * 3];
        for (int i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = (200, 50, 10);
        // A cleaned top band of 48 rows: 8 icon rows exactly (768/96 = 8 source rows per icon row).
        pixels.AsSpan(0, w * 48 * 3).Clear();

        var icon = IconBuilder.Build(pixels, w, h, 3);

        for (int oy = 0; oy < icon.Rows; oy++)
        {
            for (int ox = 0; ox < icon.Columns; ox++)
            {
                int o = (oy * icon.Columns + ox) * 3;
                var expected = oy < 6 ? (0, 0, 0) : (200, 50, 10);
                Assert.Equal(expected, (icon.Pixels[o], icon.Pixels[o + 1], icon.Pixels[o + 2]));
            }
        }
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IconBuilder.Build(new byte[16], 4, 4, 2));
        Assert.Throws<ArgumentException>(() => IconBuilder.Build(new byte[15], 4, 4, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IconBuilder.Build(new byte[16], 0, 4, 1));
    }
}
