using PixelScrub.Cleaning;
using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Cleaning;

/// <summary>
/// deid's pixel cleaner tests (rules/deid-tests: remove_coordinates, remove_all, keepcoordinates,
/// remove_coordinates_multiple, keepcoordinates_from), ported as mask + fill tests on a generated
/// 1024x1024 image: what deid checks with numpy comparisons, checked here pixel by pixel.
/// </summary>
public class DeidPixelTests
{
    private const int Size = 1024;

    private static readonly PixelLayout Layout = new()
    {
        Rows = Size,
        Columns = Size,
        BitsAllocated = 16,
        BitsStored = 12,
        IsSigned = true, // black is -2048: a zero fill (what deid writes) would fail these tests
    };

    private static (byte[] Original, byte[] Cleaned, long Filled) Run(params MaskOperation[] ops)
    {
        var original = new byte[Size * Size * 2];
        new Random(1024).NextBytes(original);
        var cleaned = (byte[])original.Clone();
        long filled = NativeFrameCleaner.Clean(cleaned, Layout, new PixelMask(Size, Size, ops), FillMode.Black);
        return (original, cleaned, filled);
    }

    /// <summary>Checks every pixel: inside a cleaned rectangle black (-2048 = 0xF800), elsewhere untouched.</summary>
    private static void AssertCleaned(byte[] original, byte[] cleaned, Func<int, int, bool> isCleaned)
    {
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                int o = (y * Size + x) * 2;
                if (isCleaned(x, y))
                {
                    if (cleaned[o] != 0x00 || cleaned[o + 1] != 0xF8) Assert.Fail($"({x},{y}) is {cleaned[o + 1]:X2}{cleaned[o]:X2}, not black F800");
                }
                else if (cleaned[o] != original[o] || cleaned[o + 1] != original[o + 1])
                {
                    Assert.Fail($"({x},{y}) changed outside the region");
                }
            }
        }
    }

    [Fact]
    public void Remove_coordinates_0_0_1024_1024_cleans_everything()
    {
        var (original, cleaned, filled) = Run(new MaskOperation(MaskValue.Clean, new Region(0, 0, 1024, 1024)));
        Assert.Equal(Size * Size, filled);
        AssertCleaned(original, cleaned, (_, _) => true);
    }

    [Fact]
    public void Remove_all_cleans_everything()
    {
        var (original, cleaned, filled) = Run(MaskOperation.CleanAll);
        Assert.Equal(Size * Size, filled);
        AssertCleaned(original, cleaned, (_, _) => true);
    }

    [Fact]
    public void All_then_keepcoordinates_0_0_1024_1024_changes_nothing()
    {
        var (original, cleaned, filled) = Run(MaskOperation.CleanAll, new MaskOperation(MaskValue.Keep, new Region(0, 0, 1024, 1024)));
        Assert.Equal(0, filled);
        Assert.Equal(original, cleaned);
    }

    [Fact]
    public void Two_regions_are_both_cleaned()
    {
        var (original, cleaned, filled) = Run(
            new MaskOperation(MaskValue.Clean, new Region(0, 0, 10, 10)),
            new MaskOperation(MaskValue.Clean, new Region(10, 10, 20, 20)));
        Assert.Equal(200, filled);
        AssertCleaned(original, cleaned, (x, y) => (x < 10 && y < 10) || (x is >= 10 and < 20 && y is >= 10 and < 20));
    }

    [Fact]
    public void Ultrasound_coordinates_0_0_500_500_clean_that_square()
    {
        var (original, cleaned, filled) = Run(new MaskOperation(MaskValue.Clean, new Region(0, 0, 500, 500)));
        Assert.Equal(500 * 500, filled);
        AssertCleaned(original, cleaned, (x, y) => x < 500 && y < 500);
    }

    [Fact]
    public void All_then_keep_from_two_ultrasound_regions_cleans_only_outside_them()
    {
        // from:SequenceOfUltrasoundRegions gives one keep region per item, [MinX0,MaxX1) x [MinY0,MaxY1).
        var a = new Region(100, 80, 620, 700);
        var b = new Region(600, 650, 1000, 1000); // overlaps a
        var (original, cleaned, filled) = Run(
            MaskOperation.CleanAll,
            new MaskOperation(MaskValue.Keep, a),
            new MaskOperation(MaskValue.Keep, b));

        static bool In(Region r, int x, int y) => x >= r.X0 && x < r.X1 && y >= r.Y0 && y < r.Y1;
        long expected = 0;
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                if (!In(a, x, y) && !In(b, x, y)) expected++;
            }
        }

        Assert.Equal(expected, filled);
        AssertCleaned(original, cleaned, (x, y) => !In(a, x, y) && !In(b, x, y));
    }
}
