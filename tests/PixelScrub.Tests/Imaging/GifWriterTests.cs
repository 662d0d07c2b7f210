using PixelScrub.Dicom.IO;
using PixelScrub.Imaging;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Imaging;

public sealed class GifWriterTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-gif-");

    public void Dispose() => _dir.Dispose();

    private string Write(string name, IReadOnlyList<RenderedImage> frames, bool animated)
    {
        string path = Path.Combine(_dir, name);
        AtomicFile.Write(path, stream =>
        {
            var writer = new GifWriter(stream, frames[0].Width, frames[0].Height, frames[0].Channels, animated, delayCentiseconds: 7);
            foreach (var f in frames) writer.AddFrame(f);
            writer.Finish();
        });
        return path;
    }

    [Theory]
    [InlineData(1, 1, 0)] // one pixel
    [InlineData(64, 48, 0)] // random: the table fills and is cleared several times
    [InlineData(300, 200, 1)] // flat: long strings, codes grow to 12 bits
    [InlineData(257, 31, 2)] // gradient
    public void GreyImagesDecodeExactlyWithGiftopnm(int width, int height, int pattern)
    {
        var image = new RenderedImage(width, height, 1);
        var rng = new Random(width + height);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = pattern switch { 0 => (byte)rng.Next(256), 1 => (byte)(i < image.Pixels.Length / 2 ? 9 : 200), _ => (byte)(i % width) };
        }

        string path = Write($"grey{width}x{height}.gif", [image], animated: false);
        var decoded = NetpbmTool.ReadAll(NetpbmTool.Run("giftopnm", path));
        var frame = Assert.Single(decoded);
        Assert.Equal((width, height), (frame.Width, frame.Height));
        byte[] grey = frame.Channels == 1 ? frame.Pixels : frame.Pixels.Where((_, i) => i % 3 == 0).ToArray();
        Assert.Equal(image.Pixels, grey);
    }

    [Fact]
    public void LargeRandomGreyImageSurvivesManyTableResets()
    {
        var image = PngWriterTests.RandomImage(512, 512, 1, seed: 99);
        string path = Write("big.gif", [image], animated: false);
        var frame = Assert.Single(NetpbmTool.ReadAll(NetpbmTool.Run("giftopnm", path)));
        byte[] grey = frame.Channels == 1 ? frame.Pixels : frame.Pixels.Where((_, i) => i % 3 == 0).ToArray();
        Assert.Equal(image.Pixels, grey);
    }

    [Fact]
    public void RgbImagesAreDitheredToTheFixedPalette()
    {
        // Flat patches of colour: dithering keeps each pixel within one cube step and the patch mean close.
        var image = new RenderedImage(64, 64, 3);
        (byte R, byte G, byte B)[] colours = [(200, 30, 90), (12, 240, 128), (128, 128, 128), (255, 255, 255)];
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                var c = colours[(y / 32) * 2 + x / 32];
                image.Pixels[(y * 64 + x) * 3] = c.R;
                image.Pixels[(y * 64 + x) * 3 + 1] = c.G;
                image.Pixels[(y * 64 + x) * 3 + 2] = c.B;
            }
        }

        string path = Write("rgb.gif", [image], animated: false);
        var frame = Assert.Single(NetpbmTool.ReadAll(NetpbmTool.Run("giftopnm", path)));
        Assert.Equal(3, frame.Channels);
        for (int patch = 0; patch < 4; patch++)
        {
            var c = colours[patch];
            int x0 = patch % 2 * 32, y0 = patch / 2 * 32;
            double[] sum = new double[3];
            for (int y = y0; y < y0 + 32; y++)
            {
                for (int x = x0; x < x0 + 32; x++)
                {
                    int o = (y * 64 + x) * 3;
                    byte[] want = [c.R, c.G, c.B];
                    for (int k = 0; k < 3; k++)
                    {
                        Assert.InRange(Math.Abs(frame.Pixels[o + k] - want[k]), 0, 51);
                        sum[k] += frame.Pixels[o + k];
                    }
                }
            }

            if (c.R == c.G && c.G == c.B)
            {
                // Grey stays grey: drawn from the grey ramp, never dithered into colours.
                for (int y = y0; y < y0 + 32; y++)
                {
                    for (int x = x0; x < x0 + 32; x++)
                    {
                        int o = (y * 64 + x) * 3;
                        Assert.Equal(frame.Pixels[o], frame.Pixels[o + 1]);
                        Assert.Equal(frame.Pixels[o], frame.Pixels[o + 2]);
                        Assert.InRange(Math.Abs(frame.Pixels[o] - c.R), 0, 7);
                    }
                }
            }

            Assert.InRange(sum[0] / 1024, c.R - 6, c.R + 6);
            Assert.InRange(sum[1] / 1024, c.G - 6, c.G + 6);
            Assert.InRange(sum[2] / 1024, c.B - 6, c.B + 6);
        }
    }

    [Fact]
    public void AnimationHasEveryFrameAndLoops()
    {
        var frames = Enumerable.Range(0, 6).Select(i => PngWriterTests.RandomImage(40, 30, 1, seed: i)).ToList();
        string path = Write("anim.gif", frames, animated: true);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(bytes, 0, 6));
        Assert.Contains("NETSCAPE2.0", System.Text.Encoding.ASCII.GetString(bytes));
        Assert.Equal(0x3B, bytes[^1]);

        var decoded = NetpbmTool.ReadAll(NetpbmTool.Run("giftopnm", "-image=all", path));
        Assert.Equal(6, decoded.Count);
        for (int i = 0; i < 6; i++)
        {
            byte[] grey = decoded[i].Channels == 1 ? decoded[i].Pixels : decoded[i].Pixels.Where((_, j) => j % 3 == 0).ToArray();
            Assert.Equal(frames[i].Pixels, grey);
        }
    }

    [Fact]
    public void FramesOfTheWrongShapeAreRefused()
    {
        var writer = new GifWriter(new MemoryStream(), 10, 10, 3, animated: true);
        Assert.Throws<ArgumentException>(() => writer.AddFrame(new RenderedImage(10, 10, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GifWriter(new MemoryStream(), 70000, 10, 1, animated: false));
    }
}
