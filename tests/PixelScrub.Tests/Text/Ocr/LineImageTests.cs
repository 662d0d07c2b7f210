using System.Buffers.Binary;
using PixelScrub.Masks;
using PixelScrub.Text.Ocr;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text.Ocr;

public sealed class LineImageTests
{
    /// <summary>
    /// The running-sum blur (column sums over whole rows, quotients by table) gives the same bytes as the plain separable
    /// blur it replaced (each row, then each column, copied out and summed along with clamped edges), on random images
    /// of every shape from one pixel up, radii from none to wider than the image.
    /// </summary>
    [Fact]
    public void Box_blur_equals_the_plain_separable_blur()
    {
        var random = new Random(11);
        for (int run = 0; run < 400; run++)
        {
            int w = random.Next(1, 70), h = random.Next(1, 50), radius = random.Next(0, 12);
            var pixels = new byte[w * h];
            if (run % 3 == 0) Array.Fill(pixels, (byte)255);
            else random.NextBytes(pixels);
            var expected = (byte[])pixels.Clone();
            PlainBoxBlur(expected, w, h, radius);
            LineImage.BoxBlur(pixels, w, h, radius);
            Assert.True(expected.AsSpan().SequenceEqual(pixels), $"{w}x{h}, radius {radius}");
        }
    }

    /// <summary>The rounding of the upscale is <see cref="Math.Round(double)"/>'s (half to even) over [0, 255], ties included.</summary>
    [Fact]
    public void Rounding_is_half_to_even()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 511).Select(k => k / 2.0)
            .Concat(Enumerable.Range(0, 20000).Select(_ => random.NextDouble() * 255))
            .Concat([0.49999999999999994, 0.5000000000000001, 254.50000000000003, 254.49999999999997, 255]);
        foreach (double v in values) Assert.Equal((byte)Math.Round(v), LineImage.RoundHalfEven(v));
    }

    /// <summary>
    /// The key of what a line image is made from changes with every input of the preparation (a pixel inside the padded
    /// crop, its size at the frame's edge, the box within it, the polarity, the rendering), and with nothing else: a
    /// pixel outside the crop, or the same pixels elsewhere in the frame.
    /// </summary>
    [Fact]
    public void Source_key_follows_every_input_of_the_preparation_and_nothing_else()
    {
        var random = new Random(3);
        var pixels = new byte[200 * 100];
        random.NextBytes(pixels);
        var frame = new GreyImage(200, 100, pixels);
        var candidate = new TextCandidate(new Region(40, 30, 120, 46), false, 0.3);
        var smooth = LineImage.Rendering.Smooth;
        var key = LineImage.SourceKey(frame, candidate, smooth);
        var crop = LinePlacement.Of(frame, candidate.Box).Crop;

        Assert.Equal(key, LineImage.SourceKey(new GreyImage(200, 100, (byte[])pixels.Clone()), candidate, smooth));
        Assert.Equal(key, LineImage.SourceKey(frame, candidate with { Density = 0.9 }, smooth));
        foreach (var (x, y) in new[] { (crop.X0 - 1, crop.Y0), (crop.X1, crop.Y1 - 1), (crop.X0, crop.Y0 - 1), (crop.X1 - 1, crop.Y1) })
            Assert.Equal(key, LineImage.SourceKey(Changed(frame, x, y), candidate, smooth));

        foreach (var (x, y) in new[] { (crop.X0, crop.Y0), (crop.X1 - 1, crop.Y1 - 1), (70, 38) })
            Assert.NotEqual(key, LineImage.SourceKey(Changed(frame, x, y), candidate, smooth));
        Assert.NotEqual(key, LineImage.SourceKey(frame, candidate with { BrightText = true }, smooth));
        Assert.NotEqual(key, LineImage.SourceKey(frame, candidate, LineImage.Rendering.Binarized));
        // Another box height: another scale and padding. The same crop with the box moved inside it.
        Assert.NotEqual(key, LineImage.SourceKey(frame, candidate with { Box = new Region(40, 30, 120, 47) }, smooth));
        var wide = new TextCandidate(new Region(4, 30, 120, 46), false, 0.3);
        var wideKey = LineImage.SourceKey(frame, wide, smooth);
        Assert.Equal(LinePlacement.Of(frame, wide.Box).Crop, LinePlacement.Of(frame, new Region(5, 30, 120, 46)).Crop);
        Assert.NotEqual(wideKey, LineImage.SourceKey(frame, wide with { Box = new Region(5, 30, 120, 46) }, smooth));

        // The same pixels elsewhere: the same key, and the same prepared image.
        var moved = new byte[pixels.Length];
        random.NextBytes(moved);
        for (int y = crop.Y0; y < crop.Y1; y++)
            Array.Copy(pixels, y * 200 + crop.X0, moved, (y + 20) * 200 + crop.X0 + 50, crop.Width);
        var there = new GreyImage(200, 100, moved);
        var shifted = candidate with { Box = new Region(90, 50, 170, 66) };
        Assert.Equal(key, LineImage.SourceKey(there, shifted, smooth));
        Assert.Equal(LineImage.From(frame, candidate).Image.Pixels, LineImage.From(there, shifted).Image.Pixels);
    }

    /// <summary>
    /// The key, hashed in pieces where the pixels lie, is the hash of the header and the crop's rows laid back to back in
    /// one span, as it was first computed (readings keyed by it stay valid): random frames from one pixel up, boxes
    /// anywhere (at the edges too, from one pixel high), both polarities and both renderings.
    /// </summary>
    [Fact]
    public void Source_key_is_the_hash_of_the_header_and_the_rows_back_to_back()
    {
        var random = new Random(13);
        for (int run = 0; run < 300; run++)
        {
            var (frame, box) = RandomFrameAndBox(random, 1, 1, 1, 1);
            var candidate = new TextCandidate(box, random.Next(2) == 0, 0.3);
            var rendering = (LineImage.Rendering)random.Next(2);
            var crop = LinePlacement.Of(frame, box).Crop;

            var bytes = new byte[6 * sizeof(int) + 2 + crop.Width * crop.Height];
            int[] head = [crop.Width, crop.Height, box.X0 - crop.X0, box.Y0 - crop.Y0, box.Width, box.Height];
            for (int i = 0; i < head.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), head[i]);
            bytes[24] = candidate.BrightText ? (byte)1 : (byte)0;
            bytes[25] = (byte)rendering;
            for (int y = 0; y < crop.Height; y++)
                Array.Copy(frame.Pixels, (crop.Y0 + y) * frame.Width + crop.X0, bytes, 26 + y * crop.Width, crop.Width);
            Assert.True(ContentHash.Of(bytes) == LineImage.SourceKey(frame, candidate, rendering), $"run {run}: {frame.Width}x{frame.Height}, box {box}");
        }
    }

    /// <summary>
    /// The grey line image (histogram stretch in the text's polarity, bilinear upscale, light blur) is the one the plain
    /// per-pixel code made: random frames, boxes anywhere (at the edges too), both polarities, line heights 6 to 90.
    /// </summary>
    [Fact]
    public void Smooth_line_image_equals_the_plain_preparation()
    {
        var random = new Random(7);
        for (int run = 0; run < 150; run++)
        {
            var (frame, box) = RandomFrameAndBox(random, 20, 8, 6, 2);
            var pixels = frame.Pixels;
            int w = frame.Width;
            if (run % 2 == 0)
                for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(pixels[i] / 4 + (i % w < w / 2 ? 60 : 120));
            var candidate = new TextCandidate(box, run % 3 == 0, 0.3);
            var image = LineImage.From(frame, candidate).Image;
            var (pw, ph, expected) = PlainSmooth(frame, candidate);
            Assert.Equal((pw, ph), (image.Width, image.Height));
            Assert.True(expected.AsSpan().SequenceEqual(image.Pixels), $"run {run}: {w}x{frame.Height}, box {box}");
        }
    }

    /// <summary>
    /// A frame of random pixels, up to 299 by 119, and a box in it anywhere (at the edges too) up to 90 pixels high; each
    /// at least the sizes given.
    /// </summary>
    private static (GreyImage Frame, Region Box) RandomFrameAndBox(Random random, int minWidth, int minHeight, int minBoxHeight, int minBoxWidth)
    {
        int w = random.Next(minWidth, 300), h = random.Next(minHeight, 120);
        var pixels = new byte[w * h];
        random.NextBytes(pixels);
        int bh = random.Next(minBoxHeight, Math.Min(h, 90) + 1), bw = random.Next(minBoxWidth, w + 1);
        int x0 = random.Next(0, w - bw + 1), y0 = random.Next(0, h - bh + 1);
        return (new GreyImage(w, h, pixels), new Region(x0, y0, x0 + bw, y0 + bh));
    }

    /// <summary>The smooth line image as it was first written, per pixel: the reference the faster one must match.</summary>
    private static (int W, int H, byte[] Pixels) PlainSmooth(GreyImage frame, TextCandidate candidate)
    {
        var box = candidate.Box;
        int pad = Math.Max(2, box.Height / 4), padX = 2 + box.Height / 2;
        var crop = new Region(box.X0 - padX, box.Y0 - pad, box.X1 + padX, box.Y1 + pad).ClipTo(frame.Width, frame.Height);
        int cw = crop.Width, ch = crop.Height;
        var histogram = new int[256];
        int Sample(int x, int y)
        {
            int v = frame.Pixels[(crop.Y0 + y) * frame.Width + crop.X0 + x];
            return candidate.BrightText ? 255 - v : v;
        }

        for (int y = 0; y < ch; y++)
        for (int x = 0; x < cw; x++)
            histogram[Sample(x, y)]++;
        int total = cw * ch, lo = 0, hi = 255;
        for (int acc = 0; lo < 255 && (acc += histogram[lo]) < total * 0.02; lo++) { }
        for (int acc = 0; hi > 0 && (acc += histogram[hi]) < total * 0.02; hi--) { }
        if (hi <= lo) (lo, hi) = (0, 255);
        double Stretched(int x, int y) => Math.Clamp((Sample(x, y) - lo) * 255 / (hi - lo), 0, 255);
        double scale = Math.Clamp(40.0 / box.Height, 1, 4);
        int sw = Math.Max(1, (int)Math.Round(cw * scale)), sh = Math.Max(1, (int)Math.Round(ch * scale));
        int border = LineImage.Border, ow = sw + 2 * border, oh = sh + 2 * border;
        var pixels = new byte[ow * oh];
        Array.Fill(pixels, (byte)255);
        for (int y = 0; y < sh; y++)
        {
            double fy = Math.Clamp((y + 0.5) / scale - 0.5, 0, ch - 1);
            int y0 = (int)fy, y1 = Math.Min(ch - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < sw; x++)
            {
                double fx = Math.Clamp((x + 0.5) / scale - 0.5, 0, cw - 1);
                int x0 = (int)fx, x1 = Math.Min(cw - 1, x0 + 1);
                double wx = fx - x0;
                double v = (Stretched(x0, y0) * (1 - wx) + Stretched(x1, y0) * wx) * (1 - wy) + (Stretched(x0, y1) * (1 - wx) + Stretched(x1, y1) * wx) * wy;
                pixels[(y + border) * ow + x + border] = (byte)Math.Round(v);
            }
        }

        PlainBoxBlur(pixels, ow, oh, (int)Math.Round(box.Height * scale) / 20);
        return (ow, oh, pixels);
    }

    private static GreyImage Changed(GreyImage frame, int x, int y)
    {
        var pixels = (byte[])frame.Pixels.Clone();
        pixels[y * frame.Width + x] ^= 1;
        return new GreyImage(frame.Width, frame.Height, pixels);
    }

    /// <summary>The blur as it was first written: the reference the faster one must match.</summary>
    private static void PlainBoxBlur(byte[] pixels, int w, int h, int radius)
    {
        if (radius < 1) return;
        int window = 2 * radius + 1;
        var line = new int[Math.Max(w, h)];
        for (int pass = 0; pass < 2; pass++)
        {
            bool rows = pass == 0;
            int count = rows ? h : w, length = rows ? w : h, step = rows ? 1 : w;
            for (int k = 0; k < count; k++)
            {
                int start = rows ? k * w : k;
                for (int i = 0; i < length; i++) line[i] = pixels[start + i * step];
                int sum = 0;
                for (int i = -radius; i <= radius; i++) sum += line[Math.Clamp(i, 0, length - 1)];
                for (int i = 0; i < length; i++)
                {
                    pixels[start + i * step] = (byte)((sum + window / 2) / window);
                    sum += line[Math.Min(length - 1, i + radius + 1)] - line[Math.Max(0, i - radius)];
                }
            }
        }
    }
}
