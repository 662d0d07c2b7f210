using System.Buffers.Binary;
using PixelScrub.Imaging;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Imaging;

public sealed class FrameRendererTests
{
    private static PixelLayout Grey(int columns, int rows, int bitsAllocated, int bitsStored, int highBit = -1, bool signed = false,
        bool bigEndian = false, string photometric = "MONOCHROME2") => new()
    {
        Rows = rows,
        Columns = columns,
        BitsAllocated = bitsAllocated,
        BitsStored = bitsStored,
        HighBit = highBit,
        IsSigned = signed,
        BigEndian = bigEndian,
        Photometric = photometric,
    };

    private static byte[] Words(bool bigEndian, params int[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), (ushort)values[i]);
            else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)values[i]);
        }

        return bytes;
    }

    [Fact]
    public void CtWindowFollowsTheLinearFunction()
    {
        // Stored 0..2048 with intercept -1024: HU -1024, -160, -159.5 edge, 0, 239 edge, 240, 1024.
        int[] stored = [0, 864, 865, 1024, 1263, 1264, 2048, 1000];
        var layout = Grey(8, 1, 16, 12);
        var p = new RenderParameters { RescaleIntercept = -1024, Windows = [new VoiWindow(40, 400)] };
        var image = FrameRenderer.Render(Words(false, stored), layout, p);

        // PS3.3 C.11.2.1.2.1 with c = 40, w = 400: x <= -160 -> 0, x > 239 -> 255, else ((x - 39.5) / 399 + 0.5) * 255,
        // the fraction dropped as DCMTK does.
        byte[] expected = [0, 0, 0, 102, 255, 255, 255, 86];
        expected[2] = (byte)Math.Floor(((-159 - 39.5) / 399 + 0.5) * 255);
        expected[4] = (byte)Math.Floor(((239 - 39.5) / 399 + 0.5) * 255);
        Assert.Equal(expected, image.Pixels);
        Assert.Equal(1, image.Channels);
    }

    [Fact]
    public void OverlayBitsAboveBitsStoredAreIgnored()
    {
        var layout = Grey(3, 1, 16, 12);
        var p = new RenderParameters { Windows = [new VoiWindow(2048, 4096)], VoiFunction = VoiFunction.LinearExact };
        var clean = FrameRenderer.Render(Words(false, 0, 2048, 4095), layout, p);
        var withOverlay = FrameRenderer.Render(Words(false, 0xF000, 0x8800, 0xFFFF), layout, p);
        Assert.Equal(clean.Pixels, withOverlay.Pixels);
        Assert.Equal(new byte[] { 0, 127, 254 }, clean.Pixels);
    }

    [Fact]
    public void HighBitBelowTheTopSelectsTheStoredBits()
    {
        // BitsStored 8 with HighBit 11: the value sits in bits 4..11.
        var layout = Grey(3, 1, 16, 8, highBit: 11);
        var p = new RenderParameters { Voi = VoiSelection.MinMax };
        var image = FrameRenderer.Render(Words(false, 0x000F, 0x0FF0 | 0xF00F, 0x0800), layout, p);
        Assert.Equal(new byte[] { 0, 255, 128 }, image.Pixels);
    }

    [Fact]
    public void SignedValuesAreSignExtendedFromBitsStored()
    {
        // 12-bit two's complement in 16 bits: 0x0FFF = -1, 0x0800 = -2048, 0x07FF = 2047.
        var layout = Grey(3, 1, 16, 12, signed: true);
        var p = new RenderParameters { Windows = [new VoiWindow(0, 4096)], VoiFunction = VoiFunction.LinearExact };
        var image = FrameRenderer.Render(Words(false, 0x0FFF, 0x0800, 0x07FF), layout, p);
        Assert.Equal(new byte[] { 127, 0, 254 }, image.Pixels);
    }

    [Fact]
    public void BigAndLittleEndianRenderTheSame()
    {
        var rng = new Random(11);
        int[] values = Enumerable.Range(0, 64).Select(_ => rng.Next(-32768, 32768)).ToArray();
        var little = FrameRenderer.Render(Words(false, values), Grey(8, 8, 16, 16, signed: true), RenderParameters.Default);
        var big = FrameRenderer.Render(Words(true, values), Grey(8, 8, 16, 16, signed: true, bigEndian: true), RenderParameters.Default);
        Assert.Equal(little.Pixels, big.Pixels);
        int iMin = Array.IndexOf(values, values.Min()), iMax = Array.IndexOf(values, values.Max());
        Assert.Equal(0, little.Pixels[iMin]);
        Assert.Equal(255, little.Pixels[iMax]);
    }

    [Fact]
    public void MinMaxStretchesTheFrameAndMonochrome1Inverts()
    {
        byte[] data = [100, 150, 200, 250];
        var mono2 = FrameRenderer.Render(data, Grey(4, 1, 8, 8), RenderParameters.Default);
        var mono1 = FrameRenderer.Render(data, Grey(4, 1, 8, 8, photometric: "MONOCHROME1"), RenderParameters.Default);
        Assert.Equal(new byte[] { 0, 85, 170, 255 }, mono2.Pixels);
        Assert.Equal(new byte[] { 255, 170, 85, 0 }, mono1.Pixels);
    }

    [Fact]
    public void SigmoidAndLinearExactFollowTheirFormulas()
    {
        byte[] data = [0, 64, 128, 192, 255];
        var sigmoid = FrameRenderer.Render(data, Grey(5, 1, 8, 8), new RenderParameters
        {
            Windows = [new VoiWindow(128, 128)],
            VoiFunction = VoiFunction.Sigmoid,
        });
        foreach (var (x, y) in data.Zip(sigmoid.Pixels))
            Assert.Equal((byte)Math.Floor(255 / (1 + Math.Exp(-4 * (x - 128) / 128.0))), y);

        var exact = FrameRenderer.Render(data, Grey(5, 1, 8, 8), new RenderParameters
        {
            Windows = [new VoiWindow(128, 128)],
            VoiFunction = VoiFunction.LinearExact,
        });
        Assert.Equal(new byte[] { 0, 0, 127, 255, 255 }, exact.Pixels);
    }

    [Fact]
    public void WindowIndexPicksTheWindowAndInvalidWindowsFallBack()
    {
        byte[] data = [0, 100, 200];
        var windows = new[] { new VoiWindow(100, 1000), new VoiWindow(100.5, 1) };
        var second = FrameRenderer.Render(data, Grey(3, 1, 8, 8), new RenderParameters { Windows = windows, VoiIndex = 1 });
        Assert.Equal(new byte[] { 0, 0, 255 }, second.Pixels);

        // Width 0 is not a LINEAR window: Auto falls back to min-max, an explicit Window choice fails.
        var zero = new RenderParameters { Windows = [new VoiWindow(100, 0)] };
        Assert.Equal(new byte[] { 0, 127, 255 }, FrameRenderer.Render(data, Grey(3, 1, 8, 8), zero).Pixels);
        Assert.Throws<UnsupportedInputException>(() =>
            FrameRenderer.Render(data, Grey(3, 1, 8, 8), zero with { Voi = VoiSelection.Window }));
    }

    [Fact]
    public void ModalityLutAndVoiLutAreApplied()
    {
        // Modality LUT: first mapped 10, entries 0, 1000, 3000, 4000; values below/above clamp.
        var modality = new LookupTable(10, 12, [0, 1000, 3000, 4000]);
        byte[] data = [5, 10, 11, 12, 13, 40];
        var minMax = FrameRenderer.Render(data, Grey(6, 1, 8, 8), new RenderParameters { ModalityLut = modality });
        Assert.Equal(new byte[] { 0, 0, 63, 191, 255, 255 }, minMax.Pixels);

        // VOI LUT over the modality output: 8-bit entries scaled to 0..255.
        var voiLut = new LookupTable(0, 8, Enumerable.Range(0, 4001).Select(i => (ushort)(i * 255 / 4000)).ToArray());
        var withVoi = FrameRenderer.Render(data, Grey(6, 1, 8, 8), new RenderParameters { ModalityLut = modality, VoiLuts = [voiLut] });
        Assert.Equal(new byte[] { 0, 0, 63, 191, 255, 255 }, withVoi.Pixels);

        // A rescale then a 12-bit VOI LUT whose first mapped value is negative.
        var lut12 = new LookupTable(-100, 12, [0, 4095]);
        var rescaled = FrameRenderer.Render(new byte[] { 0, 1, 2 }, Grey(3, 1, 8, 8), new RenderParameters
        {
            RescaleIntercept = -100, VoiLuts = [lut12], Voi = VoiSelection.VoiLut,
        });
        Assert.Equal(new byte[] { 0, 255, 255 }, rescaled.Pixels);
    }

    [Fact]
    public void LookupTablesReadFromDicomBytes()
    {
        // 16-bit words, little and big endian; 8-bit entries packed as bytes; signed first mapped value.
        var le = LookupTable.FromDicom([3, 0xFFFE, 16], Words(false, 1, 500, 65535), bigEndian: false, firstMappedSigned: true);
        Assert.Equal(-2, le.FirstMapped);
        Assert.Equal(new ushort[] { 1, 500, 65535 }, le.Entries.ToArray());
        var be = LookupTable.FromDicom([3, 5, 16], Words(true, 1, 500, 65535), bigEndian: true, firstMappedSigned: false);
        Assert.Equal(le.Entries.ToArray(), be.Entries.ToArray());
        var packed = LookupTable.FromDicom([4, 0, 8], new byte[] { 10, 20, 30, 40 }, bigEndian: false, firstMappedSigned: false);
        Assert.Equal(new ushort[] { 10, 20, 30, 40 }, packed.Entries.ToArray());
        var full = LookupTable.FromDicom([0, 0, 16], new byte[65536 * 2], bigEndian: false, firstMappedSigned: false);
        Assert.Equal(65536, full.Count);

        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromDicom([4, 0, 16], new byte[6], false, false));
        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromDicom([2, 0, 10], Words(false, 0, 1024), false, false));
        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromDicom([2, 0, 16, 1], Words(false, 0, 1), false, false));
    }

    [Fact]
    public void SegmentedPaletteExpandsDiscreteLinearAndIndirectSegments()
    {
        // discrete [0, 100], linear to 400 over 3, indirect copy of the 2 segments at word 0, discrete [7].
        int[] words = [0, 2, 0, 100, 1, 3, 400, 2, 2, 0, 0, 0, 1, 7];
        var lut = LookupTable.FromSegmented([11, 0, 16], Words(false, words), bigEndian: false, firstMappedSigned: false);
        Assert.Equal(new ushort[] { 0, 100, 200, 300, 400, 0, 100, 200, 300, 400, 7 }, lut.Entries.ToArray());

        // Declared size and segments disagree, unknown opcode, truncated data, linear first: all refused.
        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromSegmented([12, 0, 16], Words(false, words), false, false));
        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromSegmented([10, 0, 16], Words(false, words), false, false));
        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromSegmented([2, 0, 16], Words(false, 3, 2, 0, 0), false, false));
        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromSegmented([5, 0, 16], Words(false, 0, 5, 1, 2), false, false));
        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromSegmented([3, 0, 16], Words(false, 1, 3, 9), false, false));
        // An indirect segment pointing at itself is not followed twice.
        Assert.Throws<UnsupportedInputException>(() => LookupTable.FromSegmented([60000, 0, 16], Words(false, 0, 1, 5, 2, 60000, 2, 0), false, false));
    }

    [Fact]
    public void PaletteColourMapsIndicesThroughTheThreeTables()
    {
        var red = new LookupTable(0, 16, [0, 65535, 32768, 0]);
        var green = new LookupTable(0, 16, [0, 0, 32768, 65535]);
        var blue = new LookupTable(0, 16, [65535, 0, 32768, 256]);
        var layout = Grey(5, 1, 8, 8, photometric: "PALETTE COLOR");
        var image = FrameRenderer.Render(new byte[] { 0, 1, 2, 3, 9 }, layout, new RenderParameters { RedPalette = red, GreenPalette = green, BluePalette = blue });
        Assert.Equal(3, image.Channels);
        Assert.Equal(new byte[] { 0, 0, 255, 255, 0, 0, 128, 128, 128, 0, 255, 1, 0, 255, 1 }, image.Pixels);

        // 8-bit tables (and 16-bit tables whose entries all fit in 8 bits) pass through unscaled.
        var r8 = new LookupTable(0, 16, [10, 20]);
        var g8 = new LookupTable(0, 8, [30, 40]);
        var b8 = new LookupTable(0, 8, [50, 255]);
        var small = FrameRenderer.Render(new byte[] { 1, 0 }, Grey(2, 1, 8, 8, photometric: "PALETTE COLOR"),
            new RenderParameters { RedPalette = r8, GreenPalette = g8, BluePalette = b8 });
        Assert.Equal(new byte[] { 20, 40, 255, 10, 30, 50 }, small.Pixels);

        Assert.Throws<UnsupportedInputException>(() => FrameRenderer.Render(new byte[5], layout, RenderParameters.Default));
    }

    [Fact]
    public void RgbPlanarConfigurationsRenderTheSame()
    {
        var rng = new Random(5);
        var interleaved = new byte[4 * 3 * 3];
        rng.NextBytes(interleaved);
        var planar = new byte[interleaved.Length];
        for (int i = 0; i < 12; i++)
            for (int c = 0; c < 3; c++) planar[c * 12 + i] = interleaved[3 * i + c];

        var layout = new PixelLayout { Rows = 3, Columns = 4, SamplesPerPixel = 3, BitsAllocated = 8, BitsStored = 8, Photometric = "RGB" };
        var a = FrameRenderer.Render(interleaved, layout, RenderParameters.Default);
        var b = FrameRenderer.Render(planar, layout with { PlanarConfiguration = 1 }, RenderParameters.Default);
        Assert.Equal(interleaved, a.Pixels);
        Assert.Equal(interleaved, b.Pixels);

        // 16-bit RGB keeps the high 8 of 16 bits.
        var wide = FrameRenderer.Render(Words(false, 0xFFFF, 0x1234, 0x00FF), layout with { Columns = 1, Rows = 1, BitsAllocated = 16, BitsStored = 16 }, RenderParameters.Default);
        Assert.Equal(new byte[] { 0xFF, 0x12, 0x00 }, wide.Pixels);
    }

    [Fact]
    public void YbrFullAndYbrFull422ConvertToRgb()
    {
        // Pure red, green, blue, white and mid grey in full-range BT.601 YCbCr (PS3.3 C.7.6.3.1.2).
        (int Y, int Cb, int Cr, byte R, byte G, byte B)[] cases =
        [
            (76, 85, 255, 254, 0, 0), (150, 44, 21, 0, 255, 1), (29, 255, 107, 0, 0, 255),
            (255, 128, 128, 255, 255, 255), (128, 128, 128, 128, 128, 128),
        ];
        var data = cases.SelectMany(c => new[] { (byte)c.Y, (byte)c.Cb, (byte)c.Cr }).ToArray();
        var layout = new PixelLayout { Rows = 1, Columns = 5, SamplesPerPixel = 3, BitsAllocated = 8, BitsStored = 8, Photometric = "YBR_FULL" };
        var image = FrameRenderer.Render(data, layout, RenderParameters.Default);
        for (int i = 0; i < cases.Length; i++)
        {
            Assert.InRange(image.Pixels[3 * i], cases[i].R - 1, cases[i].R + 1);
            Assert.InRange(image.Pixels[3 * i + 1], cases[i].G - 1, cases[i].G + 1);
            Assert.InRange(image.Pixels[3 * i + 2], cases[i].B - 1, cases[i].B + 1);
        }

        // 422: Y1 Y2 Cb Cr; both pixels of a pair share the chroma.
        byte[] pairs = [76, 200, 85, 255, 128, 0, 128, 128];
        var l422 = layout with { Columns = 4, Photometric = "YBR_FULL_422" };
        var full = FrameRenderer.Render(new byte[] { 76, 85, 255, 200, 85, 255, 128, 128, 128, 0, 128, 128 }, layout with { Columns = 4 }, RenderParameters.Default);
        var sub = FrameRenderer.Render(pairs, l422, RenderParameters.Default);
        Assert.Equal(full.Pixels, sub.Pixels);
        Assert.Throws<UnsupportedInputException>(() => FrameRenderer.Render(new byte[6], l422 with { Columns = 3 }, RenderParameters.Default));
    }

    [Fact]
    public void FloatAnd32BitAnd1BitDataRender()
    {
        var floats = new byte[4 * 4];
        float[] fv = [-1.5f, 0.5f, 2.5f, float.NaN];
        for (int i = 0; i < 4; i++) BinaryPrimitives.WriteSingleLittleEndian(floats.AsSpan(i * 4), fv[i]);
        var f32 = FrameRenderer.Render(floats, new PixelLayout { Rows = 1, Columns = 4, BitsAllocated = 32, BitsStored = 32, Format = SampleFormat.Float32 }, RenderParameters.Default);
        Assert.Equal(new byte[] { 0, 127, 255, 0 }, f32.Pixels);

        var doubles = new byte[3 * 8];
        double[] dv = [10, 20, 30];
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteDoubleBigEndian(doubles.AsSpan(i * 8), dv[i]);
        var f64 = FrameRenderer.Render(doubles, new PixelLayout { Rows = 1, Columns = 3, BitsAllocated = 64, BitsStored = 64, Format = SampleFormat.Float64, BigEndian = true },
            new RenderParameters { Windows = [new VoiWindow(20, 20)], VoiFunction = VoiFunction.LinearExact });
        Assert.Equal(new byte[] { 0, 127, 255 }, f64.Pixels);

        var ints = new byte[3 * 4];
        int[] iv = [-100000, 0, 100000];
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteInt32LittleEndian(ints.AsSpan(i * 4), iv[i]);
        var i32 = FrameRenderer.Render(ints, new PixelLayout { Rows = 1, Columns = 3, BitsAllocated = 32, BitsStored = 32, IsSigned = true }, RenderParameters.Default);
        Assert.Equal(new byte[] { 0, 127, 255 }, i32.Pixels);

        // 1-bit: first pixel in the least significant bit (PS3.5 8.1.1).
        var bits = FrameRenderer.Render(new byte[] { 0b1000_0101, 0b0000_0001 }, Grey(3, 3, 1, 1), RenderParameters.Default);
        Assert.Equal(new byte[] { 255, 0, 255, 0, 0, 0, 0, 255, 255 }, bits.Pixels);
    }

    [Theory]
    [InlineData(16, 12, 16, "MONOCHROME2", 1)] // high bit >= bits allocated
    [InlineData(16, 17, -1, "MONOCHROME2", 1)] // bits stored > bits allocated
    [InlineData(12, 12, -1, "MONOCHROME2", 1)] // bits allocated not 1/8/16/32
    [InlineData(8, 8, -1, "CMYK", 1)]
    [InlineData(8, 8, -1, "RGB", 1)] // RGB with one sample
    [InlineData(8, 8, -1, "MONOCHROME2", 3)]
    public void InconsistentLayoutsAreRefused(int bitsAllocated, int bitsStored, int highBit, string photometric, int samples)
    {
        var layout = new PixelLayout
        {
            Rows = 2, Columns = 2, BitsAllocated = bitsAllocated, BitsStored = bitsStored, HighBit = highBit,
            Photometric = photometric, SamplesPerPixel = samples,
        };
        Assert.Throws<UnsupportedInputException>(() => FrameRenderer.Render(new byte[64], layout, RenderParameters.Default));
    }

    [Fact]
    public void ShortFramesAreRefusedNotPadded()
    {
        var ex = Assert.Throws<UnsupportedInputException>(() => FrameRenderer.Render(new byte[7], Grey(2, 2, 16, 16), RenderParameters.Default));
        Assert.Contains("7 bytes", ex.Message);
        Assert.Throws<UnsupportedInputException>(() => FrameRenderer.Render([], Grey(3, 2, 1, 1), RenderParameters.Default));
        Assert.Throws<UnsupportedInputException>(() => FrameRenderer.Render(new byte[11], new PixelLayout
        {
            Rows = 2, Columns = 2, SamplesPerPixel = 3, BitsAllocated = 8, BitsStored = 8, Photometric = "RGB",
        }, RenderParameters.Default));
    }
}
