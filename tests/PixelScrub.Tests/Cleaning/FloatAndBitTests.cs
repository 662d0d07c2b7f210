using System.Buffers.Binary;
using PixelScrub.Cleaning;
using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Cleaning;

public class FloatAndBitTests
{
    private static PixelLayout FloatLayout(SampleFormat format, bool bigEndian, string photometric = "MONOCHROME2") => new()
    {
        Rows = 12,
        Columns = 17,
        BitsAllocated = format == SampleFormat.Float32 ? 32 : 64,
        BitsStored = format == SampleFormat.Float32 ? 32 : 64,
        Format = format,
        BigEndian = bigEndian,
        Photometric = photometric,
    };

    /// <summary>Random values in [-500, 1500) with a NaN, two infinities and a planted minimum and maximum.</summary>
    private static double[] FloatValues(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.NextDouble() * 2000 - 500;
        v[3] = double.NaN;
        v[10] = double.NegativeInfinity;
        v[11] = double.PositiveInfinity;
        v[50] = -812.25; // the smallest finite value
        v[51] = 1999.75; // the largest
        return v;
    }

    private static byte[] Encode(double[] v, SampleFormat format, bool bigEndian)
    {
        int size = format == SampleFormat.Float32 ? 4 : 8;
        var bytes = new byte[v.Length * size];
        for (int i = 0; i < v.Length; i++)
        {
            var d = bytes.AsSpan(i * size, size);
            if (format == SampleFormat.Float32)
            {
                if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(d, (float)v[i]);
                else BinaryPrimitives.WriteSingleLittleEndian(d, (float)v[i]);
            }
            else
            {
                if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(d, v[i]);
                else BinaryPrimitives.WriteDoubleLittleEndian(d, v[i]);
            }
        }

        return bytes;
    }

    [Theory]
    [InlineData(SampleFormat.Float32, false, "MONOCHROME2", FillMode.Black, -812.25)]
    [InlineData(SampleFormat.Float32, true, "MONOCHROME2", FillMode.Black, -812.25)]
    [InlineData(SampleFormat.Float64, false, "MONOCHROME2", FillMode.Black, -812.25)]
    [InlineData(SampleFormat.Float64, true, "MONOCHROME2", FillMode.Black, -812.25)]
    [InlineData(SampleFormat.Float64, false, "MONOCHROME1", FillMode.Black, 1999.75)]
    [InlineData(SampleFormat.Float32, false, "MONOCHROME2", FillMode.Gray, 593.75)]
    [InlineData(SampleFormat.Float64, true, "MONOCHROME1", FillMode.Gray, 593.75)]
    public void Float_fill_is_the_smallest_finite_value_of_the_frame(SampleFormat format, bool bigEndian, string photometric, FillMode mode, double expected)
    {
        var layout = FloatLayout(format, bigEndian, photometric);
        var values = FloatValues(layout.Rows * layout.Columns, 21);
        var original = Encode(values, format, bigEndian);
        var frame = (byte[])original.Clone();
        var ops = NativeFrameCleanerTests.Operations;
        var mask = new PixelMask(layout.Columns, layout.Rows, ops);

        long filled = NativeFrameCleaner.Clean(frame, layout, mask, mode);

        var cleaned = NativeFrameCleanerTests.ExpectedCleaned(layout, ops);
        int size = format == SampleFormat.Float32 ? 4 : 8;
        long count = 0;
        for (int y = 0; y < layout.Rows; y++)
        {
            for (int x = 0; x < layout.Columns; x++)
            {
                int o = (y * layout.Columns + x) * size;
                if (cleaned[y, x])
                {
                    count++;
                    var d = frame.AsSpan(o, size);
                    double got = format == SampleFormat.Float32
                        ? (bigEndian ? BinaryPrimitives.ReadSingleBigEndian(d) : BinaryPrimitives.ReadSingleLittleEndian(d))
                        : (bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(d) : BinaryPrimitives.ReadDoubleLittleEndian(d));
                    Assert.Equal(expected, got);
                }
                else
                {
                    Assert.True(original.AsSpan(o, size).SequenceEqual(frame.AsSpan(o, size)), $"({x},{y}) changed");
                }
            }
        }

        Assert.Equal(count, filled);
    }

    [Fact]
    public void Float_frame_without_finite_values_fills_zero()
    {
        var layout = FloatLayout(SampleFormat.Float32, false);
        var values = new double[layout.Rows * layout.Columns];
        Array.Fill(values, double.NaN);
        var frame = Encode(values, SampleFormat.Float32, false);
        NativeFrameCleaner.Clean(frame, layout, new PixelMask(layout.Columns, layout.Rows, [MaskOperation.CleanAll]), FillMode.Black);
        Assert.All(frame, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Float_frame_shorter_than_declared_throws()
    {
        var layout = FloatLayout(SampleFormat.Float64, false);
        var frame = new byte[layout.Rows * layout.Columns * 8 - 8];
        var ex = Assert.Throws<DicomFormatException>(() =>
            NativeFrameCleaner.Clean(frame, layout, new PixelMask(layout.Columns, layout.Rows, [MaskOperation.CleanAll]), FillMode.Black));
        Assert.Equal(0x7FE00009u, ex.Tag);
    }

    private static PixelLayout BitLayout(string photometric) => new()
    {
        Rows = 7,
        Columns = 13, // 91 bits a frame: frames after the first start inside a byte
        BitsAllocated = 1,
        BitsStored = 1,
        HighBit = 0,
        Photometric = photometric,
        NumberOfFrames = 3,
    };

    [Theory]
    [InlineData("MONOCHROME2", FillMode.Black, false)]
    [InlineData("MONOCHROME1", FillMode.Black, true)]
    [InlineData("MONOCHROME2", FillMode.Gray, true)]
    public void One_bit_frames_at_a_bit_offset_are_cleaned_bit_exactly(string photometric, FillMode mode, bool expectedBit)
    {
        var layout = BitLayout(photometric);
        var original = new byte[(int)layout.TotalBytes];
        new Random(8).NextBytes(original);
        var data = (byte[])original.Clone();
        var ops = new MaskOperation[]
        {
            new(MaskValue.Clean, new Region(2, 1, 12, 6)),
            new(MaskValue.Keep, new Region(4, 2, 5, 4)),
            new(MaskValue.Clean, new Region(0, 6, 1, 7)),
        };
        var mask = new PixelMask(layout.Columns, layout.Rows, ops);
        long frameBits = layout.Rows * layout.Columns;

        long filled = NativeFrameCleaner.CleanBits(data, frameBits, layout, mask, mode); // the second frame, starting at bit 91

        var cleaned = NativeFrameCleanerTests.ExpectedCleaned(layout, ops);
        long count = 0;
        for (long bit = 0; bit < original.Length * 8L; bit++)
        {
            bool before = ((original[bit >> 3] >> (int)(bit & 7)) & 1) != 0;
            bool after = ((data[bit >> 3] >> (int)(bit & 7)) & 1) != 0;
            long inFrame = bit - frameBits;
            bool target = inFrame >= 0 && inFrame < frameBits && cleaned[inFrame / layout.Columns, inFrame % layout.Columns];
            if (target)
            {
                count++;
                Assert.True(after == expectedBit, $"bit {bit}");
            }
            else
            {
                Assert.True(before == after, $"bit {bit} outside the region changed");
            }
        }

        Assert.Equal(count, filled);
    }

    [Fact]
    public void One_bit_frame_past_the_end_of_the_data_throws()
    {
        var layout = BitLayout("MONOCHROME2");
        var data = new byte[(int)layout.TotalBytes];
        var mask = new PixelMask(layout.Columns, layout.Rows, [MaskOperation.CleanAll]);
        Assert.Throws<DicomFormatException>(() => NativeFrameCleaner.CleanBits(data, data.Length * 8L - 90, layout, mask, FillMode.Black));
    }
}
