using PixelScrub.Cleaning;
using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Cleaning;

public class NativeFrameCleanerTests
{
    private const int Prefix = 5; // an odd byte offset: the frame under test does not start aligned

    /// <summary>Clean a big region, keep a hole in it, clean a strip on the right edge and a corner partly outside.</summary>
    internal static readonly MaskOperation[] Operations =
    [
        new(MaskValue.Clean, new Region(3, 2, 17, 9)),
        new(MaskValue.Keep, new Region(6, 4, 9, 6)),
        new(MaskValue.Clean, new Region(19, 11, 22, 14)),
        new(MaskValue.Clean, new Region(-5, -5, 2, 1)),
    ];

    [Theory]
    [MemberData(nameof(LayoutCases.NamesAndModes), MemberType = typeof(LayoutCases))]
    public void Fills_the_region_and_leaves_every_other_byte(string name, FillMode mode)
    {
        var c = LayoutCases.All[name];
        var layout = c.Layout;
        int frameBytes = ReferencePixels.FrameBytes(layout);
        var original = new byte[Prefix + 2 * frameBytes + 3];
        new Random(name.GetHashCode(StringComparison.Ordinal) ^ 12345).NextBytes(original);
        var buffer = (byte[])original.Clone();

        var mask = new PixelMask(layout.Columns, layout.Rows, Operations);
        long filled = NativeFrameCleaner.Clean(buffer.AsSpan(Prefix + frameBytes, frameBytes), layout, mask, mode, c.Palette);

        // Nothing outside the second frame moved.
        Assert.True(original.AsSpan(0, Prefix + frameBytes).SequenceEqual(buffer.AsSpan(0, Prefix + frameBytes)));
        Assert.True(original.AsSpan(Prefix + 2 * frameBytes).SequenceEqual(buffer.AsSpan(Prefix + 2 * frameBytes)));

        var expected = mode == FillMode.Black ? c.Black : c.Gray;
        var cleaned = ExpectedCleaned(layout, Operations);
        var before = original.AsSpan(Prefix + frameBytes, frameBytes);
        var after = buffer.AsSpan(Prefix + frameBytes, frameBytes);
        int bps = ReferencePixels.BytesPerSample(layout);
        long count = 0;
        for (int y = 0; y < layout.Rows; y++)
        {
            for (int x = 0; x < layout.Columns; x++)
            {
                if (cleaned[y, x]) count++;
                for (int s = 0; s < layout.SamplesPerPixel; s++)
                {
                    if (cleaned[y, x])
                    {
                        ulong word = ReferencePixels.ReadWord(after, layout, x, y, s);
                        Assert.True(expected[s] == ReferencePixels.Decode(word, layout), $"({x},{y}) sample {s}: {ReferencePixels.Decode(word, layout)} != {expected[s]}");
                        Assert.True(ReferencePixels.PaddingIsClean(word, layout), $"({x},{y}) sample {s}: word {word:X} keeps bits outside Bits Stored");
                    }
                    else
                    {
                        int o = ReferencePixels.Offset(layout, x, y, s);
                        Assert.True(before.Slice(o, bps).SequenceEqual(after.Slice(o, bps)), $"({x},{y}) sample {s} changed");
                    }
                }
            }
        }

        Assert.Equal(count, filled);
    }

    [Theory]
    [MemberData(nameof(LayoutCases.Names), MemberType = typeof(LayoutCases))]
    public void Streaming_rows_gives_the_same_bytes_as_the_whole_frame(string name)
    {
        var c = LayoutCases.All[name];
        var layout = c.Layout;
        int frameBytes = ReferencePixels.FrameBytes(layout);
        var whole = new byte[frameBytes];
        new Random(99).NextBytes(whole);
        var streamed = (byte[])whole.Clone();
        var mask = new PixelMask(layout.Columns, layout.Rows, Operations);

        long expectedCount = NativeFrameCleaner.Clean(whole, layout, mask, FillMode.Black, c.Palette);

        var cleaner = new NativeRowCleaner(layout, mask, FillValues.For(layout, FillMode.Black, c.Palette));
        int planeBytes = frameBytes / cleaner.Planes;
        long count = 0;
        for (int p = 0; p < cleaner.Planes; p++)
        {
            for (int y = 0; y < layout.Rows; y += 3)
            {
                int n = Math.Min(3, layout.Rows - y);
                long got = cleaner.CleanRows(streamed.AsSpan(p * planeBytes + y * cleaner.RowBytes, n * cleaner.RowBytes), y, p);
                if (p == 0) count += got;
            }
        }

        Assert.Equal(whole, streamed);
        Assert.Equal(expectedCount, count);
    }

    [Fact]
    public void Ybr422_a_pair_touching_the_region_is_filled_whole()
    {
        var layout = LayoutCases.All["YBR_FULL_422 8"].Layout with { Rows = 1, Columns = 8 };
        byte[] frame = [10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33, 40, 41, 42, 43];
        // Pixels 3..4 (0-based): pixel 3 is the second of pair 1, pixel 4 the first of pair 2.
        var mask = new PixelMask(8, 1, [new(MaskValue.Clean, new Region(3, 0, 5, 1))]);

        long filled = NativeFrameCleaner.Clean(frame, layout, mask, FillMode.Black);

        Assert.Equal(4, filled);
        Assert.Equal(new byte[] { 10, 11, 12, 13, 0, 0, 128, 128, 0, 0, 128, 128, 40, 41, 42, 43 }, frame);
    }

    [Fact]
    public void Ybr422_adjacent_runs_sharing_a_pair_count_it_once()
    {
        var layout = LayoutCases.All["YBR_FULL_422 8"].Layout with { Rows = 1, Columns = 8 };
        var frame = new byte[16];
        // Clean 0..2 and 3..5 with a keep at 2..3 splitting pair 1 between two runs: [0,2) and [3,5).
        var mask = new PixelMask(8, 1,
        [
            new(MaskValue.Clean, new Region(0, 0, 5, 1)),
            new(MaskValue.Keep, new Region(2, 0, 3, 1)),
        ]);

        Assert.Equal(6, NativeFrameCleaner.Clean(frame, layout, mask, FillMode.Gray));
    }

    [Theory]
    [InlineData("MONOCHROME2 u16 BS12")]
    [InlineData("RGB 8 planar 1")]
    [InlineData("YBR_FULL_422 8")]
    public void A_region_entirely_outside_the_image_changes_nothing_and_says_so(string name)
    {
        var layout = LayoutCases.All[name].Layout;
        var frame = new byte[ReferencePixels.FrameBytes(layout)];
        new Random(3).NextBytes(frame);
        var copy = (byte[])frame.Clone();
        var mask = new PixelMask(layout.Columns, layout.Rows, [new(MaskValue.Clean, new Region(100, 100, 200, 120))]);

        Assert.Equal(0, NativeFrameCleaner.Clean(frame, layout, mask, FillMode.Black));
        Assert.Equal(copy, frame);
    }

    [Fact]
    public void Fill_over_the_whole_frame_writes_the_pattern_everywhere()
    {
        // Exercises the doubling copy for patterns that are not a power of two (RGB 16-bit: 6 bytes).
        var layout = LayoutCases.All["RGB 16 planar 0 big endian"].Layout with { Rows = 37, Columns = 51 };
        var frame = new byte[ReferencePixels.FrameBytes(layout)];
        new Random(5).NextBytes(frame);

        long filled = NativeFrameCleaner.Clean(frame, layout, new PixelMask(51, 37, [MaskOperation.CleanAll]), FillMode.Gray);

        Assert.Equal(37 * 51, filled);
        for (int i = 0; i < frame.Length; i += 2)
        {
            Assert.Equal(0x80, frame[i]);
            Assert.Equal(0x00, frame[i + 1]);
        }
    }

    [Fact]
    public void A_frame_shorter_than_the_layout_throws_before_writing()
    {
        var layout = LayoutCases.All["MONOCHROME2 u16 BS12"].Layout;
        var frame = new byte[ReferencePixels.FrameBytes(layout) - 1];
        var mask = new PixelMask(layout.Columns, layout.Rows, [MaskOperation.CleanAll]);

        var ex = Assert.Throws<DicomFormatException>(() => NativeFrameCleaner.Clean(frame, layout, mask, FillMode.Black));
        Assert.Equal(0x7FE00010u, ex.Tag);
        Assert.All(frame, b => Assert.Equal(0, b));
    }

    public static IEnumerable<object[]> BadLayouts()
    {
        var ok = LayoutCases.All["MONOCHROME2 u16 BS12"].Layout;
        yield return ["Bits Stored above Bits Allocated", ok with { BitsStored = 17 }, typeof(DicomFormatException)];
        yield return ["Bits Stored 0", ok with { BitsStored = 0 }, typeof(DicomFormatException)];
        yield return ["High Bit below Bits Stored - 1", ok with { HighBit = 10 }, typeof(DicomFormatException)];
        yield return ["High Bit past Bits Allocated", ok with { HighBit = 16 }, typeof(DicomFormatException)];
        yield return ["Bits Allocated 12", ok with { BitsAllocated = 12, BitsStored = 12 }, typeof(DicomFormatException)];
        yield return ["Bits Allocated 64", ok with { BitsAllocated = 64, BitsStored = 64 }, typeof(UnsupportedInputException)];
        yield return ["zero rows", ok with { Rows = 0 }, typeof(DicomFormatException)];
        yield return ["negative columns", ok with { Columns = -4 }, typeof(DicomFormatException)];
        yield return ["unknown photometric", ok with { Photometric = "HSV" }, typeof(UnsupportedInputException)];
        yield return ["RGB with one sample", ok with { Photometric = "RGB" }, typeof(DicomFormatException)];
        yield return ["MONOCHROME2 with three samples", ok with { SamplesPerPixel = 3 }, typeof(DicomFormatException)];
        yield return ["planar configuration 2", ok with { Photometric = "RGB", SamplesPerPixel = 3, PlanarConfiguration = 2 }, typeof(DicomFormatException)];
        yield return ["YBR_FULL_422 planar 1", ok with { Photometric = "YBR_FULL_422", SamplesPerPixel = 3, PlanarConfiguration = 1 }, typeof(DicomFormatException)];
        yield return ["YBR_FULL_422 odd columns", ok with { Photometric = "YBR_FULL_422", SamplesPerPixel = 3, Columns = 21 }, typeof(UnsupportedInputException)];
        yield return ["1-bit RGB", ok with { Photometric = "RGB", SamplesPerPixel = 3, BitsAllocated = 1, BitsStored = 1 }, typeof(UnsupportedInputException)];
        yield return ["float with 16 bits", ok with { Format = SampleFormat.Float32 }, typeof(DicomFormatException)];
        yield return ["float RGB", ok with { Format = SampleFormat.Float32, BitsAllocated = 32, BitsStored = 32, Photometric = "RGB", SamplesPerPixel = 3 }, typeof(UnsupportedInputException)];
        yield return ["palette without LUTs", ok with { Photometric = "PALETTE COLOR" }, typeof(DicomFormatException)];
    }

    [Theory]
    [MemberData(nameof(BadLayouts))]
    public void Inconsistent_or_unsupported_layouts_throw_our_exceptions(string why, PixelLayout layout, Type expected)
    {
        var frame = new byte[4096];
        var mask = new PixelMask(Math.Max(0, layout.Columns), Math.Max(0, layout.Rows), [MaskOperation.CleanAll]);
        var ex = Record.Exception(() => NativeFrameCleaner.Clean(frame, layout, mask, FillMode.Black));
        Assert.True(ex is not null && ex.GetType() == expected, $"{why}: got {ex?.GetType().Name ?? "no exception"}");
        Assert.All(frame, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Palette_that_maps_outside_the_stored_range_is_malformed()
    {
        var layout = LayoutCases.All["PALETTE COLOR 8, 16-bit LUT"].Layout;
        var luts = LayoutCases.Palette(256, 230, 16); // 230 + 37 does not fit 8 bits
        var ex = Assert.Throws<DicomFormatException>(() => FillValues.For(layout, FillMode.Black, luts));
        Assert.Equal(0x00281101u, ex.Tag);
    }

    [Fact]
    public void Palette_LUT_data_shorter_than_its_descriptor_is_malformed()
    {
        var layout = LayoutCases.All["PALETTE COLOR 8, 16-bit LUT"].Layout;
        var lut = new PaletteLut(256, 0, 16, new ushort[255]);
        Assert.Throws<DicomFormatException>(() => FillValues.For(layout, FillMode.Black, new PaletteLuts(lut, lut, lut)));
    }

    [Fact]
    public void Palette_with_one_8_bit_entry_per_word_is_read_too()
    {
        var layout = LayoutCases.All["PALETTE COLOR 8, 16-bit LUT"].Layout;
        var data = new ushort[256];
        for (int i = 0; i < 256; i++) data[i] = (ushort)(255 - i); // darkest is the last entry
        var lut = new PaletteLut(256, 0, 8, data);
        Assert.Equal(255, FillValues.For(layout, FillMode.Black, new PaletteLuts(lut, lut, lut)).Values[0]);
    }

    [Fact]
    public void PixelLayout_frame_size_of_native_YBR_FULL_422_counts_two_samples_per_pixel()
    {
        // Regression: BytesPerFrame counted three samples per pixel, so pydicom's
        // SC_ybr_full_422_uncompressed.dcm (100x100, 20000 bytes of pixel data) looked truncated.
        var layout = LayoutCases.All["YBR_FULL_422 8"].Layout with { Rows = 100, Columns = 100 };
        Assert.Equal(20000, layout.BytesPerFrame);
        Assert.Equal(30000, (layout with { Photometric = "YBR_FULL" }).BytesPerFrame);
    }

    /// <summary>The pixels the mask operations clean (deid order, later wins), widened to whole 4:2:2 pairs.</summary>
    internal static bool[,] ExpectedCleaned(PixelLayout layout, IEnumerable<MaskOperation> ops)
    {
        var grid = new bool[layout.Rows, layout.Columns];
        foreach (var op in ops)
        {
            for (int y = 0; y < layout.Rows; y++)
            {
                for (int x = 0; x < layout.Columns; x++)
                {
                    if (op.All || (x >= op.Region.X0 && x < op.Region.X1 && y >= op.Region.Y0 && y < op.Region.Y1))
                    {
                        grid[y, x] = op.Value == MaskValue.Clean;
                    }
                }
            }
        }

        if (ReferencePixels.Is422(layout))
        {
            for (int y = 0; y < layout.Rows; y++)
            {
                for (int x = 0; x < layout.Columns; x += 2)
                {
                    bool any = grid[y, x] || grid[y, x + 1];
                    grid[y, x] = grid[y, x + 1] = any;
                }
            }
        }

        return grid;
    }
}
