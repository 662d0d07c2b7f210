using System.Buffers;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Masks;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class JpegRedactorTests
{
    private static PixelMask Mask(int w, int h, params Region[] regions) =>
        new(w, h, regions.Select(r => new MaskOperation(MaskValue.Clean, r)).ToList());

    private static (byte[] Output, JpegRedactResult Result) Redact(byte[] jpeg, PixelMask mask, JpegRedactMode mode,
        JpegColorModel colors = JpegColorModel.Auto)
    {
        var writer = new ArrayBufferWriter<byte>();
        var result = JpegRedactor.Redact(jpeg, mask, mode, colors, writer);
        Assert.Equal(writer.WrittenCount, result.BytesWritten);
        return (writer.WrittenSpan.ToArray(), result);
    }

    /// <summary>
    /// Checks the contract on coefficients: selected blocks (found here independently, pixel by pixel) hold
    /// exactly what the mode says; every other block is identical to the input.
    /// </summary>
    private static void AssertCoefficientContract(byte[] input, byte[] output, PixelMask mask, JpegRedactMode mode, JpegRedactResult result)
    {
        var before = JpegCoefficientDecoder.Decode(input);
        var after = JpegCoefficientDecoder.Decode(output);
        var f = before.Frame;
        Assert.Equal(f.Width, after.Frame.Width);
        Assert.Equal(f.Height, after.Frame.Height);
        for (int ci = 0; ci < f.Components.Length; ci++)
        {
            var c = f.Components[ci];
            int redacted = 0;
            for (int by = 0; by < c.BlocksPerColumn; by++)
            {
                for (int bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    bool inScanArea = bx < c.WidthInBlocks && by < c.HeightInBlocks;
                    var a = before.Block(ci, bx, by);
                    var b = after.Block(ci, bx, by);
                    if (!Selected(f, c, bx, by, mask))
                    {
                        if (inScanArea || f.Components.Length > 1) Assert.True(a.SequenceEqual(b), $"untouched block {ci}:({bx},{by}) changed");
                        continue;
                    }

                    redacted++;
                    for (int k = 1; k < 64; k++) Assert.Equal(0, b[k]);
                    if (mode == JpegRedactMode.Blur) Assert.Equal(a[0], b[0]);
                    if (mode == JpegRedactMode.Gray) Assert.Equal(0, b[0]);
                }
            }

            Assert.Equal(redacted, result.BlocksRedacted[ci]);
        }
    }

    /// <summary>Independent block selection: any clean run on any row of the block's footprint, clipped to the image.</summary>
    private static bool Selected(JpegFrame f, JpegComponent c, int bx, int by, PixelMask mask)
    {
        double sx = 8.0 * f.HMax / c.H, sy = 8.0 * f.VMax / c.V;
        int x0 = (int)Math.Floor(bx * sx), x1 = (int)Math.Ceiling((bx + 1) * sx);
        int y0 = (int)Math.Floor(by * sy), y1 = (int)Math.Ceiling((by + 1) * sy);
        x1 = Math.Min(x1, f.Width);
        for (int y = y0; y < Math.Min(y1, f.Height); y++)
        {
            foreach (var (r0, r1) in mask.CleanRuns(y))
            {
                if (r0 < x1 && x0 < r1) return true;
            }
        }

        return false;
    }

    [Fact]
    public void EmptyMask_GivesByteIdenticalOutput()
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, 64, 48, false, 5, "-sample", "2x2");
        var (output, result) = Redact(jpeg, Mask(64, 48), JpegRedactMode.Fill);
        Assert.True(result.CopiedUnchanged);
        Assert.Equal(jpeg, output);
        // a region outside the image selects nothing either
        (output, result) = Redact(jpeg, Mask(64, 48, new Region(100, 100, 120, 120)), JpegRedactMode.Fill);
        Assert.True(result.CopiedUnchanged);
        Assert.Equal(jpeg, output);
    }

    [Theory]
    [MemberData(nameof(JpegTestFiles.CorpusCases), MemberType = typeof(JpegTestFiles))]
    public void CorpusFrames_OnlySelectedBlocksChange(string file)
    {
        using var dir = new TempDir();
        foreach (var frame in JpegTestFiles.CorpusFrames(file))
        {
            var f = JpegCoefficientDecoder.Decode(frame).Frame;
            int w = f.Width, h = f.Height;
            var regions = new[]
            {
                new Region(0, 0, w, Math.Max(1, h / 10)),                          // top band
                new Region(w / 3 + 1, h / 2 + 3, w / 3 + 1 + w / 4, h / 2 + 3 + h / 7), // unaligned box
                new Region(0, h - Math.Max(1, h / 12), w, h),                      // bottom band
            };
            // Every mode on small frames; the default (Fill) on the large ones, to keep the suite quick.
            var modes = (long)w * h <= 600_000
                ? new[] { JpegRedactMode.Fill, JpegRedactMode.Gray, JpegRedactMode.Blur }
                : new[] { JpegRedactMode.Fill };
            foreach (var mode in modes)
            {
                var mask = Mask(w, h, regions);
                var (output, result) = Redact(frame, mask, mode);
                Assert.False(result.CopiedUnchanged);
                AssertCoefficientContract(frame, output, mask, mode, result);
                Assert.True(output.Length <= frame.Length * 1.01 + 64, $"output grew from {frame.Length} to {output.Length}");
                if (f.Precision == 8)
                {
                    var (_, err) = JpegTestFiles.Djpeg(dir, output);
                    Assert.Equal("", err);
                }
            }
        }
    }

    public static IEnumerable<object[]> GeneratedCases()
    {
        yield return [96, 64, false, new[] { "-sample", "1x1" }];
        yield return [101, 75, false, new[] { "-sample", "2x2" }];
        yield return [120, 50, false, new[] { "-sample", "2x1", "-restart", "1" }];
        yield return [77, 41, false, new[] { "-sample", "2x2", "-restart", "3B" }];
        yield return [70, 33, false, new[] { "-sample", "4x1", "-optimize" }];
        yield return [65, 65, true, new[] { "-restart", "2B" }];
        yield return [40, 40, true, new[] { "-optimize" }];
    }

    [Theory]
    [MemberData(nameof(GeneratedCases))]
    public void GeneratedImages_OnlySelectedBlocksChange_AndDjpegDecodesCleanly(int width, int height, bool gray, string[] args)
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, width, height, gray, width + height * 7, args);
        var rng = new Random(width * 1000 + height);
        for (int trial = 0; trial < 4; trial++)
        {
            int x0 = rng.Next(width), y0 = rng.Next(height);
            var mask = Mask(width, height, new Region(x0, y0, x0 + rng.Next(1, width / 2), y0 + rng.Next(1, height / 2)),
                new Region(rng.Next(width), rng.Next(height), rng.Next(width), rng.Next(height)));
            foreach (var mode in new[] { JpegRedactMode.Fill, JpegRedactMode.Gray, JpegRedactMode.Blur })
            {
                var (output, result) = Redact(jpeg, mask, mode);
                AssertCoefficientContract(jpeg, output, mask, mode, result);
                var (_, err) = JpegTestFiles.Djpeg(dir, output);
                Assert.Equal("", err);
            }
        }
    }

    [Theory]
    [InlineData(128, 96, "1x1", 16, 8, 48, 24)]
    [InlineData(128, 96, "2x2", 16, 16, 64, 32)]
    [InlineData(128, 96, "2x1", 0, 0, 128, 8)]
    [InlineData(160, 96, "2x2", 32, 64, 96, 32)]
    public void GrayMode_DecodesLikeJpegtranWipe(int width, int height, string sample, int x, int y, int w, int h)
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, width, height, false, 11, "-sample", sample);
        var (ours, _) = Redact(jpeg, Mask(width, height, new Region(x, y, x + w, y + h)), JpegRedactMode.Gray);
        var wiped = JpegCoefficientDecoderTests.Jpegtran(dir, jpeg, "-copy", "all", "-wipe", $"{w}x{h}+{x}+{y}");
        var (expected, _) = JpegTestFiles.Djpeg(dir, wiped);
        var (actual, err) = JpegTestFiles.Djpeg(dir, ours);
        Assert.Equal("", err);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("1x1", false)]
    [InlineData("2x2", false)]
    [InlineData("2x1", false)]
    [InlineData("1x1", true)]
    public void FillMode_RegionDecodesBlackAndTheRestUnchanged(string sample, bool gray)
    {
        using var dir = new TempDir();
        int width = 99, height = 70;
        var jpeg = JpegTestFiles.MakeJpeg(dir, width, height, gray, 21, "-sample", sample, "-quality", "85");
        var region = new Region(13, 9, 61, 37);
        var mask = Mask(width, height, region);
        var (output, _) = Redact(jpeg, mask, JpegRedactMode.Fill);
        var before = DjpegPixels(dir, jpeg, out int channels);
        var after = DjpegPixels(dir, output, out _);
        var frame = JpegCoefficientDecoder.Decode(jpeg).Frame;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int ch = 0; ch < channels; ch++)
                {
                    int i = (y * width + x) * channels + ch;
                    if (region.Intersects(new Region(x, y, x + 1, y + 1)))
                    {
                        Assert.True(after[i] <= 2, $"pixel ({x},{y}) channel {ch} is {after[i]}, not black");
                    }
                    else if (!Touched(frame, mask, x, y))
                    {
                        Assert.Equal(before[i], after[i]);
                    }
                }
            }
        }
    }

    /// <summary>True when a pixel lies in a selected block of any component.</summary>
    private static bool Touched(JpegFrame f, PixelMask mask, int x, int y)
    {
        foreach (var c in f.Components)
        {
            int bx = x * c.H / f.HMax / 8, by = y * c.V / f.VMax / 8;
            if (Selected(f, c, bx, by, mask)) return true;
        }

        return false;
    }

    /// <summary>djpeg without fancy upsampling, so each pixel depends only on its own blocks; header stripped.</summary>
    private static byte[] DjpegPixels(TempDir dir, byte[] jpeg, out int channels)
    {
        string input = dir.File($"p{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(input, jpeg);
        string output = input + ".pnm";
        var (code, _, err) = ReferenceTool.Run("djpeg", ["-nosmooth", "-pnm", "-outfile", output, input]);
        Assert.True(code == 0 && err == "", err);
        var bytes = File.ReadAllBytes(output);
        channels = bytes[1] == '6' ? 3 : 1;
        int newlines = 0, p = 0;
        while (newlines < 3) if (bytes[p++] == '\n') newlines++;
        return bytes[p..];
    }

    [Fact]
    public void MissingHuffmanCode_RebuildsTheTableAndReportsIt()
    {
        using var dir = new TempDir();
        // A flat mid-grey image with -optimize: its DC table only knows tiny differences, so a black DC
        // difference has no code.
        int width = 64, height = 64;
        string pgm = dir.File("flat.pgm");
        var pixels = new byte[width * height];
        var rng = new Random(3);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(128 + rng.Next(-1, 2));
        JpegTestFiles.WritePnm(pgm, pixels, width, height, 1);
        string jpgPath = dir.File("flat.jpg");
        var (code, _, err) = ReferenceTool.Run("cjpeg", ["-optimize", "-quality", "90", "-outfile", jpgPath, pgm]);
        Assert.True(code == 0, err);
        var jpeg = File.ReadAllBytes(jpgPath);
        var mask = Mask(width, height, new Region(8, 8, 40, 24));
        var (output, result) = Redact(jpeg, mask, JpegRedactMode.Fill);
        Assert.True(result.HuffmanTablesRebuilt);
        AssertCoefficientContract(jpeg, output, mask, JpegRedactMode.Fill, result);
        var (_, djpegErr) = JpegTestFiles.Djpeg(dir, output);
        Assert.Equal("", djpegErr);
        var black = DjpegPixels(dir, output, out _);
        Assert.True(black[20 * width + 20] <= 2);
    }

    [Fact]
    public void RestartIntervalsWithoutSelectedBlocks_AreCopiedByteForByte()
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, 128, 64, false, 9, "-sample", "2x2", "-restart", "1");
        var (output, result) = Redact(jpeg, Mask(128, 64, new Region(0, 56, 128, 64)), JpegRedactMode.Fill);
        Assert.False(result.HuffmanTablesRebuilt);
        // Everything up to the last MCU row's restart interval is unchanged: intervals are one MCU row (16 px).
        int lastRst = LastIndexOfMarker(jpeg, 0xD0, 0xD7);
        Assert.True(lastRst > 0);
        Assert.Equal(jpeg[..lastRst], output[..lastRst]);
    }

    private static int LastIndexOfMarker(byte[] data, byte lo, byte hi)
    {
        for (int i = data.Length - 2; i >= 0; i--)
        {
            if (data[i] == 0xFF && data[i + 1] >= lo && data[i + 1] <= hi) return i;
        }

        return -1;
    }

    [Fact]
    public void TwelveBitFrame_IsRedactedInTheCoefficientDomain()
    {
        var frame = JpegTestFiles.CorpusFrames("pydicom/JPEG-lossy.dcm")[0];
        var f = JpegCoefficientDecoder.Decode(frame).Frame;
        var mask = Mask(f.Width, f.Height, new Region(0, 0, f.Width, 40));
        var (output, result) = Redact(frame, mask, JpegRedactMode.Fill);
        AssertCoefficientContract(frame, output, mask, JpegRedactMode.Fill, result);
        var after = JpegCoefficientDecoder.Decode(output);
        var q0 = after.QuantTableOf(0)[0];
        // black: DC * Q0 / 8 + 2048 <= 0
        Assert.True(after.Block(0, 0, 0)[0] * q0 / 8 + 2048 <= 0);
    }

    [Fact]
    public void MaskOfAnotherSize_IsRejected()
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, 32, 32, true, 1);
        Assert.Throws<JpegFormatException>(() => Redact(jpeg, Mask(33, 32, new Region(0, 0, 8, 8)), JpegRedactMode.Fill));
    }
}
