using PixelScrub.Masks;

namespace PixelScrub.Tests.Masks;

public class PixelMaskTests
{
    /// <summary>The mask by brute force: a bool per pixel, operations applied in order, later wins.</summary>
    private static bool[,] Naive(int columns, int rows, IEnumerable<MaskOperation> ops)
    {
        var grid = new bool[rows, columns];
        foreach (var op in ops)
        {
            for (int y = 0; y < rows; y++)
            {
                for (int x = 0; x < columns; x++)
                {
                    if (op.All || (x >= op.Region.X0 && x < op.Region.X1 && y >= op.Region.Y0 && y < op.Region.Y1))
                    {
                        grid[y, x] = op.Value == MaskValue.Clean;
                    }
                }
            }
        }

        return grid;
    }

    private static MaskOperation RandomOperation(Random rng, int columns, int rows)
    {
        var value = rng.Next(3) == 0 ? MaskValue.Keep : MaskValue.Clean;
        if (rng.Next(12) == 0) return new MaskOperation(value, default, true);
        // Corners may fall outside the image or be inverted (empty).
        int x0 = rng.Next(-10, columns + 10), x1 = rng.Next(-10, columns + 10);
        int y0 = rng.Next(-10, rows + 10), y1 = rng.Next(-10, rows + 10);
        if (rng.Next(5) != 0) { (x0, x1) = (Math.Min(x0, x1), Math.Max(x0, x1)); (y0, y1) = (Math.Min(y0, y1), Math.Max(y0, y1)); }
        return new MaskOperation(value, new Region(x0, y0, x1, y1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Agrees_with_a_per_pixel_mask_on_random_operations(int seed)
    {
        var rng = new Random(seed);
        for (int round = 0; round < 60; round++)
        {
            int columns = rng.Next(1, 48), rows = rng.Next(1, 40);
            var ops = new MaskOperation[rng.Next(0, 9)];
            for (int i = 0; i < ops.Length; i++) ops[i] = RandomOperation(rng, columns, rows);
            var mask = new PixelMask(columns, rows, ops);
            var grid = Naive(columns, rows, ops);
            string what = $"seed {seed} round {round}: {columns}x{rows} [{string.Join("; ", ops.Select(o => $"{o.Value} {o.RegionText}"))}]";

            int bx0 = int.MaxValue, by0 = int.MaxValue, bx1 = int.MinValue, by1 = int.MinValue;
            bool anyClean = false;
            for (int y = 0; y < rows; y++)
            {
                // CleanRuns: sorted, disjoint, non-adjacent, non-empty, and exactly the cleaned columns.
                var runs = mask.CleanRuns(y).ToArray();
                var fromRuns = new bool[columns];
                int last = -1;
                foreach (var (x0, x1) in runs)
                {
                    Assert.True(x0 > last && x0 < x1 && x1 <= columns, $"{what}: bad run ({x0},{x1}) on row {y}");
                    last = x1;
                    for (int x = x0; x < x1; x++) fromRuns[x] = true;
                }

                for (int x = 0; x < columns; x++)
                {
                    Assert.True(grid[y, x] == fromRuns[x], $"{what}: runs disagree at ({x},{y})");
                    Assert.True(grid[y, x] == mask.IsClean(x, y), $"{what}: IsClean disagrees at ({x},{y})");
                    if (grid[y, x])
                    {
                        anyClean = true;
                        (bx0, by0, bx1, by1) = (Math.Min(bx0, x), Math.Min(by0, y), Math.Max(bx1, x + 1), Math.Max(by1, y + 1));
                    }
                }
            }

            Assert.True(anyClean != mask.IsEmpty, $"{what}: IsEmpty");
            Assert.Equal(anyClean ? new Region(bx0, by0, bx1, by1) : default, mask.CleanBounds());

            // AnyClean over random rectangles (some outside the image) against the grid.
            for (int q = 0; q < 25; q++)
            {
                int ax0 = rng.Next(-5, columns + 5), ay0 = rng.Next(-5, rows + 5);
                var area = new Region(ax0, ay0, ax0 + rng.Next(0, 12), ay0 + rng.Next(0, 12));
                bool expected = false;
                for (int y = Math.Max(0, area.Y0); y < Math.Min(rows, area.Y1); y++)
                {
                    for (int x = Math.Max(0, area.X0); x < Math.Min(columns, area.X1); x++) expected |= grid[y, x];
                }

                Assert.True(expected == mask.AnyClean(area), $"{what}: AnyClean({area})");
            }
        }
    }

    [Fact]
    public void Rows_outside_the_image_have_no_runs()
    {
        var mask = new PixelMask(10, 10, [MaskOperation.CleanAll]);
        Assert.True(mask.CleanRuns(-1).IsEmpty);
        Assert.True(mask.CleanRuns(10).IsEmpty);
        Assert.True(mask.CleanRuns(int.MinValue).IsEmpty);
        Assert.Equal(new[] { (0, 10) }, mask.CleanRuns(9).ToArray());
    }

    [Fact]
    public void Later_operations_win()
    {
        var mask = new PixelMask(10, 1,
        [
            new(MaskValue.Keep, new Region(2, 0, 4, 1)),
            MaskOperation.CleanAll,
            new(MaskValue.Keep, new Region(2, 0, 4, 1)),
            new(MaskValue.Clean, new Region(3, 0, 4, 1)),
        ]);
        Assert.Equal(new[] { (0, 2), (3, 10) }, mask.CleanRuns(0).ToArray());
    }

    [Fact]
    public void Empty_image_and_no_operations_clean_nothing()
    {
        Assert.True(new PixelMask(0, 0, [MaskOperation.CleanAll]).IsEmpty);
        Assert.True(new PixelMask(5, 0, [MaskOperation.CleanAll]).IsEmpty);
        Assert.True(new PixelMask(0, 5, [MaskOperation.CleanAll]).IsEmpty);
        var none = new PixelMask(8, 8, []);
        Assert.True(none.IsEmpty);
        Assert.Equal(default, none.CleanBounds());
        Assert.False(none.AnyClean(new Region(0, 0, 8, 8)));
    }

    [Fact]
    public void Regions_entirely_outside_clean_nothing()
    {
        var mask = new PixelMask(100, 50,
        [
            new(MaskValue.Clean, new Region(100, 0, 200, 50)),
            new(MaskValue.Clean, new Region(-30, -30, 0, 10)),
            new(MaskValue.Clean, new Region(0, 50, 100, 60)),
            new(MaskValue.Clean, new Region(int.MinValue, int.MinValue, int.MinValue + 5, int.MinValue + 5)),
            new(MaskValue.Clean, new Region(int.MaxValue - 5, 0, int.MaxValue, int.MaxValue)),
        ]);
        Assert.True(mask.IsEmpty);
    }

    [Fact]
    public void Extreme_coordinates_are_clipped_not_overflowed()
    {
        var mask = new PixelMask(20, 10, [new(MaskValue.Clean, new Region(int.MinValue, 3, int.MaxValue, 4))]);
        Assert.Equal(new[] { (0, 20) }, mask.CleanRuns(3).ToArray());
        Assert.False(mask.IsClean(int.MaxValue, 3));
        Assert.False(mask.IsClean(int.MinValue, 3));
        Assert.Equal(new Region(0, 3, 20, 4), mask.CleanBounds());
    }

    [Fact]
    public void Negative_sizes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelMask(-1, 5, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelMask(5, -1, []));
    }

    [Fact]
    public void Many_bands_on_a_large_image_build_quickly()
    {
        // 500 one-row strips on a 4096x4096 image: cost follows bands and operations, not pixels.
        var ops = new MaskOperation[500];
        for (int i = 0; i < ops.Length; i++) ops[i] = new(MaskValue.Clean, new Region(i, i * 8, i + 100, i * 8 + 1));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var mask = new PixelMask(4096, 4096, ops);
        sw.Stop();
        Assert.Equal(new[] { (250, 350) }, mask.CleanRuns(2000).ToArray());
        Assert.True(mask.CleanRuns(2001).IsEmpty);
        Assert.True(sw.ElapsedMilliseconds < 5000, $"took {sw.ElapsedMilliseconds} ms");
    }
}
