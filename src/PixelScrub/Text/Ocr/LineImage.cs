using PixelScrub.Masks;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// Turns a candidate region of a frame into what Tesseract reads best: dark text on white (light text inverted), the
/// contrast stretched between the 2nd and 98th percentile, upscaled so the line is about 40 pixels high (small
/// annotations are often 8-12 pixels), smoothed, with a white margin. Maps word boxes back to frame coordinates.
/// Smoothing matters for the fonts scanners print: Tesseract's models know outline fonts, and an upscaled pixel font
/// has square steps it misreads ("11/14/2021" as "lifid-2o?l"); a box blur of a twentieth of the line height rounds
/// them. The <see cref="Rendering.Binarized"/> variant, for a second read, blurs over a dot pitch (dot-matrix glyphs
/// become strokes) and then thresholds halfway between the ink and the median: text over speckle keeps its strokes
/// and loses the grain, which Tesseract's own global threshold turns into a black page.
/// </summary>
internal sealed class LineImage
{
    /// <summary>The white margin around the crop.</summary>
    public const int Border = 8;
    private const double TargetHeight = 40;

    /// <summary>How the upscaled line is prepared.</summary>
    public enum Rendering
    {
        /// <summary>Grey, blurred by a box of a twentieth of the line height.</summary>
        Smooth,

        /// <summary>Blurred by a tenth of the line height, thresholded, then blurred lightly again.</summary>
        Binarized,
    }

    private LineImage(OcrImage image, Region crop, double scale)
    {
        Image = image;
        Crop = crop;
        Scale = scale;
    }

    public OcrImage Image { get; }

    /// <summary>The part of the frame the image shows.</summary>
    public Region Crop { get; }

    public double Scale { get; }

    public static LineImage From(GreyImage frame, TextCandidate candidate, Rendering rendering = Rendering.Smooth)
    {
        var box = candidate.Box;
        // More room along the row: a box from the stroke map may stop short of the last glyph's edge.
        int pad = Math.Max(2, box.Height / 4), padX = 2 + box.Height / 2;
        var crop = new Region(box.X0 - padX, box.Y0 - pad, box.X1 + padX, box.Y1 + pad).ClipTo(frame.Width, frame.Height);
        int cw = crop.Width, ch = crop.Height;

        // Percentiles of the crop, in the polarity where text is dark.
        Span<int> histogram = stackalloc int[256];
        for (int y = crop.Y0; y < crop.Y1; y++)
        for (int x = crop.X0; x < crop.X1; x++)
        {
            int v = frame.Pixels[y * frame.Width + x];
            histogram[candidate.BrightText ? 255 - v : v]++;
        }

        int total = cw * ch, lo = 0, hi = 255;
        for (int acc = 0; lo < 255 && (acc += histogram[lo]) < total * 0.02; lo++) { }
        for (int acc = 0; hi > 0 && (acc += histogram[hi]) < total * 0.02; hi--) { }
        if (hi <= lo) (lo, hi) = (0, 255);
        Span<byte> lut = stackalloc byte[256];
        for (int v = 0; v < 256; v++) lut[v] = (byte)Math.Clamp((v - lo) * 255 / (hi - lo), 0, 255);

        double scale = Math.Clamp(TargetHeight / box.Height, 1, 4);
        int sw = Math.Max(1, (int)Math.Round(cw * scale)), sh = Math.Max(1, (int)Math.Round(ch * scale));
        int ow = sw + 2 * Border, oh = sh + 2 * Border;
        var pixels = new byte[ow * oh];
        pixels.AsSpan().Fill(255);
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
                double v00 = Sample(frame, crop, x0, y0, candidate.BrightText, lut), v10 = Sample(frame, crop, x1, y0, candidate.BrightText, lut);
                double v01 = Sample(frame, crop, x0, y1, candidate.BrightText, lut), v11 = Sample(frame, crop, x1, y1, candidate.BrightText, lut);
                double v = (v00 * (1 - wx) + v10 * wx) * (1 - wy) + (v01 * (1 - wx) + v11 * wx) * wy;
                pixels[(y + Border) * ow + x + Border] = (byte)Math.Round(v);
            }
        }

        int line = (int)Math.Round(box.Height * scale);
        if (rendering == Rendering.Binarized)
        {
            BoxBlur(pixels, ow, oh, line / 10);
            Threshold(pixels, ow, oh);
        }

        BoxBlur(pixels, ow, oh, line / 20);
        return new LineImage(new OcrImage(ow, oh, pixels), crop, scale);
    }

    /// <summary>Black below halfway between the ink (3rd percentile of the image inside the margin) and the median, white above.</summary>
    private static void Threshold(byte[] pixels, int w, int h)
    {
        Span<int> histogram = stackalloc int[256];
        for (int y = Border; y < h - Border; y++)
        for (int x = Border; x < w - Border; x++)
            histogram[pixels[y * w + x]]++;
        int total = (w - 2 * Border) * (h - 2 * Border), ink = -1, median = -1;
        for (int v = 0, acc = 0; v < 256 && median < 0; v++)
        {
            acc += histogram[v];
            if (ink < 0 && acc > total * 0.03) ink = v;
            if (acc > total / 2) median = v;
        }

        int t = (ink + median) / 2;
        if (median <= ink) return; // flat: nothing to separate
        for (int i = 0; i < pixels.Length; i++) pixels[i] = pixels[i] > t ? (byte)255 : (byte)0;
    }

    /// <summary>A separable box blur of radius <paramref name="radius"/> (window 2r+1), rows then columns, edges clamped.</summary>
    private static void BoxBlur(byte[] pixels, int w, int h, int radius)
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

    private static byte Sample(GreyImage frame, Region crop, int x, int y, bool invert, ReadOnlySpan<byte> lut)
    {
        int v = frame.Pixels[(crop.Y0 + y) * frame.Width + crop.X0 + x];
        return lut[invert ? 255 - v : v];
    }

    /// <summary>A box in this image's coordinates, in the frame's (clipped to the crop).</summary>
    public Region ToFrame(Region box)
    {
        int x0 = Crop.X0 + (int)Math.Floor((box.X0 - Border) / Scale);
        int y0 = Crop.Y0 + (int)Math.Floor((box.Y0 - Border) / Scale);
        int x1 = Crop.X0 + (int)Math.Ceiling((box.X1 - Border) / Scale);
        int y1 = Crop.Y0 + (int)Math.Ceiling((box.Y1 - Border) / Scale);
        return new Region(Math.Clamp(x0, Crop.X0, Crop.X1), Math.Clamp(y0, Crop.Y0, Crop.Y1), Math.Clamp(x1, Crop.X0, Crop.X1), Math.Clamp(y1, Crop.Y0, Crop.Y1));
    }
}
