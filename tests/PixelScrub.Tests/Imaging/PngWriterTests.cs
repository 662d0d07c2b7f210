using PixelScrub.Dicom.IO;
using System.Text.RegularExpressions;
using PixelScrub.Imaging;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Imaging;

public sealed class PngWriterTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-png-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Crc32MatchesTheCheckValue()
    {
        // The CRC-32 check value for "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 37, 23)]
    [InlineData(3, 64, 48)]
    [InlineData(3, 1, 300)]
    [InlineData(1, 700, 3)]
    public void RandomImagesRoundTripAndPassPngcheck(int channels, int width, int height)
    {
        var image = RandomImage(width, height, channels, seed: width * 31 + height);
        string path = Path.Combine(_dir, $"r{channels}_{width}x{height}.png");
        PngWriter.Save(path, image);

        var decoded = PngTestDecoder.Decode(File.ReadAllBytes(path));
        Assert.Equal((width, height, channels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Single(decoded.Frames);
        Assert.Equal(image.Pixels, decoded.Frames[0]);
        AssertPngcheckAccepts(path);

        // An independent decoder (netpbm) reads the same pixels.
        var pnm = Assert.Single(NetpbmTool.ReadAll(NetpbmTool.Run("pngtopnm", path)));
        Assert.Equal((width, height, channels), (pnm.Width, pnm.Height, pnm.Channels));
        Assert.Equal(image.Pixels, pnm.Pixels);
    }

    [Fact]
    public void SmoothImagesUseEveryFilterAndRoundTrip()
    {
        // Gradients, noise and flat areas push the per-row heuristic to different filters.
        var image = new RenderedImage(200, 120, 3);
        var rng = new Random(7);
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (int x = 0; x < image.Width; x++)
            {
                int band = y / 30;
                row[3 * x] = band switch { 0 => (byte)x, 1 => (byte)(x + y), 2 => (byte)rng.Next(256), _ => 40 };
                row[3 * x + 1] = (byte)(y * 2);
                row[3 * x + 2] = (byte)(x * y / 50);
            }
        }

        var ms = new MemoryStream();
        PngWriter.Write(ms, image);
        var decoded = PngTestDecoder.Decode(ms.ToArray());
        Assert.Equal(image.Pixels, decoded.Frames[0]);
    }

    [Fact]
    public void LargeImageSpansSeveralIdatChunks()
    {
        var image = RandomImage(400, 300, 3, seed: 3); // 360 kB of noise: more than one 64 kB IDAT
        string path = Path.Combine(_dir, "large.png");
        PngWriter.Save(path, image);
        var decoded = PngTestDecoder.Decode(File.ReadAllBytes(path));
        Assert.True(decoded.ChunkTypes.Count(t => t == "IDAT") > 1);
        Assert.Equal(image.Pixels, decoded.Frames[0]);
        AssertPngcheckAccepts(path);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 5)]
    [InlineData(3, 4)]
    public void AnimatedPngHasEveryFrameAndPassesPngcheck(int channels, int frameCount)
    {
        var frames = Enumerable.Range(0, frameCount).Select(i => RandomImage(90, 70, channels, seed: 100 + i)).ToList();
        string path = Path.Combine(_dir, $"anim{channels}_{frameCount}.apng");
        AtomicFile.Write(path, stream =>
        {
            var writer = new ApngWriter(stream, 90, 70, channels, frameCount, delayNumerator: 1, delayDenominator: 20);
            foreach (var f in frames) writer.AddFrame(f);
            writer.Finish();
        });

        var decoded = PngTestDecoder.Decode(File.ReadAllBytes(path));
        Assert.Equal(frameCount, decoded.DeclaredFrames);
        Assert.Equal(frameCount, decoded.Frames.Count);
        for (int i = 0; i < frameCount; i++) Assert.Equal(frames[i].Pixels, decoded.Frames[i]);

        string report = AssertPngcheckAccepts(path);
        // pngcheck 3.0.x lists acTL/fcTL/fdAT as unknown ancillary chunks (newer versions decode acTL and
        // print the frame count): either way one fcTL per frame, and the count when it is printed.
        Assert.Single(Regex.Matches(report, @"chunk acTL"));
        Assert.Equal(frameCount, Regex.Matches(report, @"chunk fcTL").Count);
        Assert.Equal(frameCount - 1, Regex.Matches(report, @"chunk fdAT").Count);
        var printed = Regex.Match(report, @"(\d+) frames?", RegexOptions.IgnoreCase);
        if (printed.Success) Assert.Equal(frameCount, int.Parse(printed.Groups[1].Value));
    }

    [Fact]
    public void AnimationRejectsWrongFrameCountsAndSizes()
    {
        var writer = new ApngWriter(new MemoryStream(), 10, 10, 1, frameCount: 2);
        Assert.Throws<ArgumentException>(() => writer.AddFrame(new RenderedImage(11, 10, 1)));
        Assert.Throws<ArgumentException>(() => writer.AddFrame(new RenderedImage(10, 10, 3)));
        writer.AddFrame(new RenderedImage(10, 10, 1));
        Assert.Throws<InvalidOperationException>(writer.Finish);
        writer.AddFrame(new RenderedImage(10, 10, 1));
        Assert.Throws<InvalidOperationException>(() => writer.AddFrame(new RenderedImage(10, 10, 1)));
        writer.Finish();
    }

    [Fact]
    public void FailedWriteLeavesNoFile()
    {
        string path = Path.Combine(_dir, "failed.png");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    internal static string AssertPngcheckAccepts(string path)
    {
        var (code, stdout, stderr) = ReferenceTool.Run("pngcheck", ["-v", path]);
        Assert.True(code == 0, $"pngcheck rejected {path}:\n{stdout}\n{stderr}");
        Assert.Contains("No errors detected", stdout);
        return stdout;
    }

    internal static RenderedImage RandomImage(int width, int height, int channels, int seed)
    {
        var image = new RenderedImage(width, height, channels);
        new Random(seed).NextBytes(image.Pixels);
        return image;
    }
}
