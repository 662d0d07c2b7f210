using PixelScrub.Cleaning;
using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Cleaning;

public class RobustnessTests
{
    private static readonly string[] Photometrics = ["MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "PALETTE COLOR", "YBR_PARTIAL_420", ""];

    /// <summary>
    /// Random layouts, many of them inconsistent, on buffers of random length: the cleaner either cleans or
    /// throws one of our exception types, never writes past the frame, never throws anything else.
    /// </summary>
    [Fact]
    public void Random_layouts_and_lengths_clean_or_throw_our_exceptions_only()
    {
        var rng = new Random(2026);
        int cleaned = 0, rejected = 0;
        for (int i = 0; i < 4000; i++)
        {
            int[] allocated = [1, 8, 16, 24, 32, 64, 12, 0];
            int ba = allocated[rng.Next(allocated.Length)];
            var format = rng.Next(8) switch { 0 => SampleFormat.Float32, 1 => SampleFormat.Float64, _ => SampleFormat.Integer };
            string photometric = Photometrics[rng.Next(Photometrics.Length)];
            int samples = photometric is "RGB" or "YBR_FULL" or "YBR_FULL_422" or "YBR_PARTIAL_420" ? 3 : 1;
            var layout = new PixelLayout
            {
                Rows = rng.Next(20) == 0 ? rng.Next(-2, 70000) : rng.Next(1, 12),
                Columns = rng.Next(20) == 0 ? rng.Next(-2, 70000) : rng.Next(1, 12),
                BitsAllocated = ba,
                BitsStored = rng.Next(4) == 0 ? rng.Next(-1, Math.Max(1, ba) + 2) : rng.Next(1, Math.Max(1, ba) + 1),
                HighBit = rng.Next(2) == 0 ? -1 : rng.Next(-1, Math.Max(1, ba) + 1),
                IsSigned = rng.Next(2) == 0,
                Photometric = photometric,
                SamplesPerPixel = rng.Next(4) == 0 ? rng.Next(0, 5) : samples,
                PlanarConfiguration = rng.Next(6) == 0 ? 2 : rng.Next(2),
                BigEndian = rng.Next(2) == 0,
                Format = format,
                NumberOfFrames = rng.Next(8) == 0 ? rng.Next(-1, 1) : rng.Next(1, 4),
            };
            var palette = rng.Next(2) == 0 ? LayoutCases.Palette(rng.Next(2) == 0 ? 256 : 300, rng.Next(-5, 300), rng.Next(3) == 0 ? 8 : 16) : null;
            var data = new byte[rng.Next(0, 2000) + 16];
            rng.NextBytes(data);
            var guardCopy = (byte[])data.Clone();
            int length = data.Length - 16; // the last 16 bytes are a guard the cleaner must not touch
            var mask = new PixelMask(Math.Clamp(layout.Columns, 0, 70000), Math.Clamp(layout.Rows, 0, 70000),
                [new MaskOperation(MaskValue.Clean, new Region(rng.Next(-3, 8), rng.Next(-3, 8), rng.Next(0, 14), rng.Next(0, 14)))]);
            var mode = rng.Next(2) == 0 ? FillMode.Black : FillMode.Gray;
            try
            {
                NativeFrameCleaner.CleanFrames(data.AsSpan(0, length), layout, mask, mode, palette);
                cleaned++;
            }
            catch (PixelScrubException e) when (e is DicomFormatException or UnsupportedInputException)
            {
                rejected++;
                // Validation happens before any write.
                Assert.True(guardCopy.AsSpan(0, length).SequenceEqual(data.AsSpan(0, length)), $"case {i}: {e.Message}: data written before throwing");
            }

            Assert.True(guardCopy.AsSpan(length).SequenceEqual(data.AsSpan(length)), $"case {i}: wrote past the pixel data");
        }

        Assert.True(cleaned > 100 && rejected > 100, $"cleaned {cleaned}, rejected {rejected}: the generator should exercise both");
    }

    [Fact]
    public void CleanFrames_cleans_every_frame_of_integer_1_bit_and_float_data()
    {
        var ops = new MaskOperation[] { new(MaskValue.Clean, new Region(1, 1, 4, 3)) };

        // 16-bit, 3 frames: each frame gets six black pixels.
        var mono = new PixelLayout { Rows = 4, Columns = 5, BitsAllocated = 16, BitsStored = 16, NumberOfFrames = 3 };
        var data = Enumerable.Repeat((byte)0xAB, 4 * 5 * 2 * 3).ToArray();
        Assert.Equal(18, NativeFrameCleaner.CleanFrames(data, mono, new PixelMask(5, 4, ops), FillMode.Black));
        for (int f = 0; f < 3; f++)
        {
            for (int p = 0; p < 20; p++)
            {
                bool inside = p / 5 is >= 1 and < 3 && p % 5 is >= 1 and < 4;
                Assert.Equal(inside ? 0 : 0xAB, data[f * 40 + p * 2]);
            }
        }

        // 1-bit, 3 frames of 20 bits: frame 1 starts at bit 20, frame 2 at bit 40 (inside a byte).
        var bits = mono with { BitsAllocated = 1, BitsStored = 1, HighBit = 0 };
        var packed = Enumerable.Repeat((byte)0xFF, 8).ToArray();
        Assert.Equal(18, NativeFrameCleaner.CleanFrames(packed, bits, new PixelMask(5, 4, ops), FillMode.Black));
        for (int k = 0; k < 64; k++)
        {
            int p = k % 20;
            bool inside = k < 60 && p / 5 is >= 1 and < 3 && p % 5 is >= 1 and < 4;
            Assert.True(((packed[k >> 3] >> (k & 7)) & 1) == (inside ? 0 : 1), $"bit {k}");
        }

        // Float32, 2 frames with different minima: each frame gets its own.
        var floats = mono with { BitsAllocated = 32, BitsStored = 32, Format = SampleFormat.Float32, NumberOfFrames = 2 };
        var fdata = new byte[4 * 5 * 4 * 2];
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(fdata.AsSpan());
        for (int i = 0; i < 20; i++) { values[i] = 10 + i; values[20 + i] = -7 + i; }
        NativeFrameCleaner.CleanFrames(fdata, floats, new PixelMask(5, 4, ops), FillMode.Black);
        Assert.Equal(10f, values[6]);
        Assert.Equal(-7f, values[26]);
    }

    [Fact]
    public void CleanFrames_with_fewer_bytes_than_the_frames_need_throws_before_writing()
    {
        var layout = new PixelLayout { Rows = 4, Columns = 5, BitsAllocated = 8, BitsStored = 8, NumberOfFrames = 3 };
        var data = new byte[59];
        var ex = Assert.Throws<DicomFormatException>(() =>
            NativeFrameCleaner.CleanFrames(data, layout, new PixelMask(5, 4, [MaskOperation.CleanAll]), FillMode.Gray));
        Assert.Equal(0x7FE00010u, ex.Tag);
        Assert.All(data, b => Assert.Equal(0, b));
    }
}
