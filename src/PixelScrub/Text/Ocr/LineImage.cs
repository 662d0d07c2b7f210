using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
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

    /// <summary>How the upscaled line is prepared.</summary>
    public enum Rendering
    {
        /// <summary>Grey, blurred by a box of a twentieth of the line height.</summary>
        Smooth,

        /// <summary>Blurred by a tenth of the line height, thresholded, then blurred lightly again.</summary>
        Binarized,

        /// <summary>
        /// The pixels of the text's own value (<see cref="InkValue.Find"/>) black, all else white, then blurred as
        /// <see cref="Smooth"/>: text over image content without the image. Made by <see cref="ByValue"/> only.
        /// </summary>
        ByValue,
    }

    private LineImage(OcrImage image, LinePlacement placement)
    {
        Image = image;
        Placement = placement;
    }

    public OcrImage Image { get; }

    /// <summary>The part of the frame the image shows, and its scale.</summary>
    public LinePlacement Placement { get; }

    public static LineImage From(GreyImage frame, TextCandidate candidate, Rendering rendering = Rendering.Smooth) =>
        rendering == Rendering.ByValue ? throw new ArgumentException("a line image by value may not exist: see ByValue", nameof(rendering)) : Make(frame, candidate, rendering)!;

    /// <summary>The <see cref="Rendering.ByValue"/> image of a candidate; null when its crop has no ink value (<see cref="InkValue.Find"/>).</summary>
    /// <param name="ink">the value and tolerance to take (in the frame's values, see <see cref="InkValues"/>); null: found in the crop</param>
    public static LineImage? ByValue(GreyImage frame, TextCandidate candidate, (int Value, int Tolerance)? ink = null) =>
        Make(frame, candidate, Rendering.ByValue, ink);

    /// <summary>
    /// The value a candidate's text is drawn in on its own side of the crop's median and on the other (the candidate
    /// in the other polarity), in the frame's values, from one histogram of its crop (<see cref="InkValue.Find"/>);
    /// null where a side has none.
    /// </summary>
    public static ((int Value, int Tolerance)? Own, (int Value, int Tolerance)? Other) InkValues(GreyImage frame, TextCandidate candidate)
    {
        var crop = LinePlacement.Of(frame, candidate.Box).Crop;
        Span<int> histogram = stackalloc int[256];
        Histogram(frame, crop, candidate.BrightText, histogram);
        int total = crop.Width * crop.Height;
        var own = Ink(histogram, total, candidate.BrightText);
        histogram.Reverse();
        return (own, Ink(histogram, total, !candidate.BrightText));
    }

    /// <summary><see cref="InkValue.Find"/> on a histogram folded for <paramref name="brightText"/>, its value unfolded to the frame's.</summary>
    private static (int Value, int Tolerance)? Ink(ReadOnlySpan<int> folded, int total, bool brightText) =>
        InkValue.Find(folded, total) is { } ink ? (brightText ? 255 - ink.Value : ink.Value, ink.Tolerance) : null;

    /// <summary>The crop's histogram, in the polarity where text is dark.</summary>
    private static void Histogram(GreyImage frame, Region crop, bool brightText, Span<int> histogram)
    {
        for (int y = crop.Y0; y < crop.Y1; y++)
        {
            foreach (byte v in frame.Pixels.AsSpan(y * frame.Width + crop.X0, crop.Width)) histogram[v]++;
        }

        if (brightText) histogram.Reverse();
    }

    private static LineImage? Make(GreyImage frame, TextCandidate candidate, Rendering rendering, (int Value, int Tolerance)? given = null)
    {
        var box = candidate.Box;
        var placement = LinePlacement.Of(frame, box);
        var crop = placement.Crop;
        double scale = placement.Scale;
        int cw = crop.Width, ch = crop.Height;

        // The crop's histogram (not needed for a layer of a value given).
        Span<int> histogram = stackalloc int[256];
        int total = cw * ch;
        if (given is null) Histogram(frame, crop, candidate.BrightText, histogram);
        Span<byte> lut = stackalloc byte[256];
        var source = frame;
        var from = crop;
        if (rendering == Rendering.ByValue)
        {
            // By value: the crop's pixels of the ink value black, the rest white, read through an identity table.
            if ((given ?? Ink(histogram, total, candidate.BrightText)) is not { } ink) return null;
            source = Layer(frame, crop, ink.Value, ink.Tolerance);
            from = new Region(0, 0, cw, ch);
            for (int v = 0; v < 256; v++) lut[v] = (byte)v;
        }
        else
        {
            // One table from frame value to stretched value, the polarity folded in.
            int lo = 0, hi = 255;
            for (int acc = 0; lo < 255 && (acc += histogram[lo]) < total * 0.02; lo++) { }
            for (int acc = 0; hi > 0 && (acc += histogram[hi]) < total * 0.02; hi--) { }
            if (hi <= lo) (lo, hi) = (0, 255);
            for (int v = 0; v < 256; v++) lut[candidate.BrightText ? 255 - v : v] = (byte)Math.Clamp((v - lo) * 255 / (hi - lo), 0, 255);
        }

        int sw = Math.Max(1, (int)Math.Round(cw * scale)), sh = Math.Max(1, (int)Math.Round(ch * scale));
        int ow = sw + 2 * Border, oh = sh + 2 * Border;
        var pixels = new byte[ow * oh];
        pixels.AsSpan().Fill(255);
        // Bilinear upscale. The source columns and weights of each output column are the same on every row: taken once.
        // Each source row is interpolated along the row once (an upscale reads it for several output rows), then output
        // rows mix the two rows around them: the same arithmetic, in the same order, as per pixel.
        var left = ArrayPool<int>.Shared.Rent(sw);
        var weight = ArrayPool<double>.Shared.Rent(2 * sw);
        var stretched = ArrayPool<byte>.Shared.Rent(cw);
        var upper = ArrayPool<double>.Shared.Rent(sw);
        var lower = ArrayPool<double>.Shared.Rent(sw);
        try
        {
            for (int x = 0; x < sw; x++)
            {
                double fx = Math.Clamp((x + 0.5) / scale - 0.5, 0, cw - 1);
                int x0 = (int)fx;
                left[x] = x0;
                weight[2 * x] = fx - x0;
                weight[2 * x + 1] = 1 - (fx - x0);
            }

            int upperRow = -1, lowerRow = -1;
            for (int y = 0; y < sh; y++)
            {
                double fy = Math.Clamp((y + 0.5) / scale - 0.5, 0, ch - 1);
                int y0 = (int)fy, y1 = Math.Min(ch - 1, y0 + 1);
                double wy = fy - y0, ry = 1 - wy;
                if (y0 != upperRow)
                {
                    if (y0 == lowerRow) (upper, lower, upperRow, lowerRow) = (lower, upper, lowerRow, upperRow);
                    else Across(source, from, upperRow = y0, lut, stretched, left, weight, upper, sw);
                }

                if (y1 != lowerRow) Across(source, from, lowerRow = y1, lut, stretched, left, weight, lower, sw);
                var output = pixels.AsSpan((y + Border) * ow + Border, sw);
                for (int x = 0; x < output.Length; x++) output[x] = RoundHalfEven(upper[x] * ry + lower[x] * wy);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(left);
            ArrayPool<double>.Shared.Return(weight);
            ArrayPool<byte>.Shared.Return(stretched);
            ArrayPool<double>.Shared.Return(upper);
            ArrayPool<double>.Shared.Return(lower);
        }

        int line = (int)Math.Round(box.Height * scale);
        if (rendering == Rendering.Binarized)
        {
            BoxBlur(pixels, ow, oh, line / 10);
            Threshold(pixels, ow, oh);
        }

        BoxBlur(pixels, ow, oh, line / 20);
        return new LineImage(new OcrImage(ow, oh, pixels), placement);
    }

    /// <summary>
    /// The crop's pixels within <paramref name="tolerance"/> of <paramref name="value"/> as 0, the rest 255, without the
    /// ones that have fewer than two such neighbours of their eight: image content crosses a value along thin
    /// contours and in specks, while a glyph's stroke, even one pixel wide, has a neighbour on either side along it.
    /// </summary>
    internal static GreyImage Layer(GreyImage frame, Region crop, int value, int tolerance)
    {
        int cw = crop.Width, ch = crop.Height;
        var on = new bool[cw * ch];
        for (int y = 0; y < ch; y++)
        {
            var row = frame.Pixels.AsSpan((crop.Y0 + y) * frame.Width + crop.X0, cw);
            for (int x = 0; x < cw; x++) on[y * cw + x] = Math.Abs(row[x] - value) <= tolerance;
        }

        var pixels = new byte[cw * ch];
        for (int y = 0; y < ch; y++)
        for (int x = 0; x < cw; x++)
        {
            int neighbours = 0;
            if (on[y * cw + x])
            {
                for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    int nx = x + dx, ny = y + dy;
                    if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < cw && ny < ch && on[ny * cw + nx]) neighbours++;
                }
            }

            pixels[y * cw + x] = neighbours >= 2 ? (byte)0 : (byte)255;
        }

        return new GreyImage(cw, ch, pixels);
    }

    /// <summary>Row <paramref name="y"/> of the crop through the stretch table, interpolated along the row to the output's <paramref name="width"/>.</summary>
    private static void Across(GreyImage frame, Region crop, int y, ReadOnlySpan<byte> lut, byte[] stretched, int[] left, double[] weight,
        double[] into, int width)
    {
        int cw = crop.Width;
        var source = frame.Pixels.AsSpan((crop.Y0 + y) * frame.Width + crop.X0, cw);
        for (int x = 0; x < cw; x++) stretched[x] = lut[source[x]];
        for (int x = 0; x < width; x++)
        {
            int x0 = left[x], x1 = Math.Min(cw - 1, x0 + 1);
            into[x] = stretched[x0] * weight[2 * x + 1] + stretched[x1] * weight[2 * x];
        }
    }

    /// <summary><see cref="Math.Round(double)"/> (half to even) of a value in [0, 255], without the library call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte RoundHalfEven(double v)
    {
        int r = (int)v;
        double rest = v - r;
        if (rest > 0.5 || (rest == 0.5 && (r & 1) != 0)) r++;
        return (byte)r;
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

    /// <summary>
    /// A separable box blur of radius <paramref name="radius"/> (window 2r+1), rows then columns, edges clamped: each
    /// output the window's sum plus half the window, divided by the window. Running sums; the column pass goes row by
    /// row over a copy of the row-blurred image, all columns at once.
    /// </summary>
    internal static void BoxBlur(byte[] pixels, int w, int h, int radius)
    {
        if (radius < 1) return;
        int window = 2 * radius + 1;
        // Quotients by table: a sum is at most 255 times the window.
        var quotient = ArrayPool<byte>.Shared.Rent(255 * window + 1);
        // A row with its edge pixels repeated r+1 times on either side: the window slides without clamping.
        var line = ArrayPool<int>.Shared.Rent(w + 2 * radius + 2);
        var copy = ArrayPool<byte>.Shared.Rent(w * h);
        try
        {
            for (int s = 0; s <= 255 * window; s++) quotient[s] = (byte)((s + window / 2) / window);
            var padded = line.AsSpan(0, w + 2 * radius + 2);
            for (int y = 0; y < h; y++)
            {
                var row = pixels.AsSpan(y * w, w);
                padded[..(radius + 1)].Fill(row[0]);
                for (int i = 0; i < w; i++) padded[radius + 1 + i] = row[i];
                padded[(radius + 1 + w)..].Fill(row[w - 1]);
                int sum = 0;
                for (int i = 1; i <= window; i++) sum += padded[i];
                for (int i = 0; i < w; i++)
                {
                    row[i] = quotient[sum];
                    sum += padded[i + window + 1] - padded[i + 1];
                }
            }

            pixels.AsSpan(0, w * h).CopyTo(copy);
            var sums = line.AsSpan(0, w);
            sums.Clear();
            for (int i = -radius; i <= radius; i++)
            {
                var row = copy.AsSpan(Math.Clamp(i, 0, h - 1) * w, w);
                for (int x = 0; x < w; x++) sums[x] += row[x];
            }

            for (int y = 0; y < h; y++)
            {
                var output = pixels.AsSpan(y * w, w);
                for (int x = 0; x < w; x++) output[x] = quotient[sums[x]];
                var enter = copy.AsSpan(Math.Min(h - 1, y + radius + 1) * w, w);
                var leave = copy.AsSpan(Math.Max(0, y - radius) * w, w);
                for (int x = 0; x < w; x++) sums[x] += enter[x] - leave[x];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(quotient);
            ArrayPool<int>.Shared.Return(line);
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>
    /// A key of everything <see cref="From"/> makes the image of <paramref name="candidate"/> from: the frame pixels of the
    /// padded crop, the crop's size, the box within it (the scale and the blur radii follow from its height), the
    /// polarity and the rendering. Equal keys make equal images, so a line unchanged since an earlier frame is neither
    /// prepared nor tested again.
    /// </summary>
    public static ContentHash SourceKey(GreyImage frame, TextCandidate candidate, Rendering rendering)
    {
        var box = candidate.Box;
        var crop = LinePlacement.Of(frame, box).Crop;
        int cw = crop.Width, ch = crop.Height;
        // The header, then the crop's rows back to back, hashed where they lie.
        Span<byte> head = stackalloc byte[6 * sizeof(int) + 2];
        BinaryPrimitives.WriteInt32LittleEndian(head, cw);
        BinaryPrimitives.WriteInt32LittleEndian(head[4..], ch);
        BinaryPrimitives.WriteInt32LittleEndian(head[8..], box.X0 - crop.X0);
        BinaryPrimitives.WriteInt32LittleEndian(head[12..], box.Y0 - crop.Y0);
        BinaryPrimitives.WriteInt32LittleEndian(head[16..], box.Width);
        BinaryPrimitives.WriteInt32LittleEndian(head[20..], box.Height);
        head[24] = candidate.BrightText ? (byte)1 : (byte)0;
        head[25] = (byte)rendering;
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(head);
        for (int y = crop.Y0; y < crop.Y1; y++) sha256.AppendData(frame.Pixels.AsSpan(y * frame.Width + crop.X0, cw));
        return ContentHash.Of(sha256);
    }
}
