using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PixelScrub.Masks;

namespace PixelScrub.Text.Proposals;

/// <summary>
/// Finds where text may be in a grey frame, without OCR, so OCR reads a few line crops instead of whole pages.
/// Text is drawn with strokes that contrast with what is around them, in either polarity: a pixel is a stroke pixel when
/// it is lighter (or darker) than the mean of its neighbourhood by a margin. For each polarity the stroke map is smeared
/// along rows (gaps between letters close, so a word becomes one blob; dot-matrix digits join too), blobs of text height
/// are kept, and blobs of similar height side by side on one baseline are joined into lines. Where both polarities
/// propose the same place, the sparser map wins: strokes are thinner than the background between them. This runs at
/// the usual contrast (lines as textured as their surroundings, speckle, dropped) and again at a high contrast, where
/// text over image content is left alone; pieces of one printed line are merged at the end.
/// </summary>
internal static class TextProposer
{
    /// <summary>Smallest and largest line height proposed (pixels).</summary>
    public const int MinHeight = 6, MaxHeight = 90;

    private const int Radius = 15; // neighbourhood (2R+1)^2 for the local mean
    private const int Contrast = 36; // grey levels a stroke stands out from its neighbourhood
    private const int HighContrast = 64; // the same for text over an image (most speckle stands out less than that)
    private const int RowGap = 4; // gaps along a row closed before blobs are found
    private const int JoinSlack = 2; // runs this far apart along the row still join the row below
    private const int MaxCandidates = 160;

    public static List<TextCandidate> Propose(GreyImage image)
    {
        int w = image.Width, h = image.Height;
        if (w < 4 || h < 4) return [];
        int n = w * h;
        var bright = ArrayPool<byte>.Shared.Rent(n);
        var dark = ArrayPool<byte>.Shared.Rent(n);
        var strongBright = ArrayPool<byte>.Shared.Rent(n);
        var strongDark = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            StrokeMaps(image, bright, dark, strongBright, strongDark);
            var result = OnePlace(image, Lines(Blobs(bright, w, h), bright, w, h, true, true), Lines(Blobs(dark, w, h), dark, w, h, false, true));

            // Text over an image: at the usual contrast its strokes join the speckle around them into blobs that are no
            // line. Text is drawn to be read, far brighter (or darker) than the image; at a high contrast only it is left.
            var strong = OnePlace(image, Lines(Blobs(strongBright, w, h), strongBright, w, h, true, false), Lines(Blobs(strongDark, w, h), strongDark, w, h, false, false));
            foreach (var c in strong)
            {
                // Only a near twin makes it redundant: inside a larger box from the usual pass it is the cleaner crop.
                if (!result.Any(o => o.BrightText == c.BrightText && Overlap(o.Box, c.Box) >= 0.8 && AreaRatio(o.Box, c.Box) <= 1.2)) result.Add(c with { OverImage = true });
            }

            result = MergeRows(result);
            if (result.Count > MaxCandidates)
                result = result.OrderBy(c => Math.Abs(c.Density - 0.3)).Take(MaxCandidates).ToList();
            result.Sort((a, b) => a.Box.Y0 != b.Box.Y0 ? a.Box.Y0.CompareTo(b.Box.Y0) : a.Box.X0.CompareTo(b.Box.X0));
            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bright);
            ArrayPool<byte>.Shared.Return(dark);
            ArrayPool<byte>.Shared.Return(strongBright);
            ArrayPool<byte>.Shared.Return(strongDark);
        }
    }

    /// <summary>
    /// One place, two polarities (boxes of similar size on the same spot): the text is on the side of the median (the
    /// background) with the farther extreme. A much larger box of the other polarity is another thing and stays.
    /// </summary>
    private static List<TextCandidate> OnePlace(GreyImage image, List<TextCandidate> brightLines, List<TextCandidate> darkLines)
    {
        var result = new List<TextCandidate>();
        foreach (var c in brightLines.Concat(darkLines))
        {
            bool replaced = false, dominated = false;
            for (int i = 0; i < result.Count; i++)
            {
                var o = result[i];
                if (o.BrightText == c.BrightText || Overlap(o.Box, c.Box) < 0.5 || AreaRatio(o.Box, c.Box) > 2.5) continue;
                if (BrightIsText(image, o.Box) != o.BrightText)
                {
                    result[i] = c;
                    replaced = true;
                }
                else dominated = true;

                break;
            }

            if (!replaced && !dominated) result.Add(c);
        }

        return result;
    }

    /// <summary>
    /// Pieces of one printed line (a date split at its separators, a dot-matrix word at a sparse glyph, a high-contrast
    /// box inside a wider one) joined into one candidate: same polarity, similar height on one baseline, and at most one
    /// and a half line heights apart. Read apart, "2024/03" and "29 19:18" are no date; read as one line they are.
    /// </summary>
    private static List<TextCandidate> MergeRows(List<TextCandidate> candidates)
    {
        var list = candidates.ToList();
        bool merged = true;
        while (merged)
        {
            merged = false;
            for (int i = 0; i < list.Count && !merged; i++)
            for (int j = i + 1; j < list.Count && !merged; j++)
            {
                Region a = list[i].Box, b = list[j].Box;
                if (list[i].BrightText != list[j].BrightText) continue;
                int hMin = Math.Min(a.Height, b.Height), hMax = Math.Max(a.Height, b.Height);
                int vOverlap = Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0);
                int gap = Math.Max(a.X0, b.X0) - Math.Min(a.X1, b.X1);
                if (vOverlap < 0.6 * hMin || hMax > 1.4 * hMin || gap > 1.5 * hMax) continue;
                var box = a.Union(b);
                if (box.Height > MaxHeight) continue;
                double density = (list[i].Density * a.Width * a.Height + list[j].Density * b.Width * b.Height) / Math.Max(1.0, (double)box.Width * box.Height);
                list[i] = new TextCandidate(box, list[i].BrightText, density, list[i].OverImage || list[j].OverImage);
                list.RemoveAt(j);
                merged = true;
            }
        }

        return list;
    }

    /// <summary>True when the 95th percentile lies farther above the median than the 5th lies below it (light text on a darker background).</summary>
    private static bool BrightIsText(GreyImage image, Region box)
    {
        var histogram = new int[256];
        for (int y = box.Y0; y < box.Y1; y++)
        for (int x = box.X0; x < box.X1; x++)
            histogram[image.Pixels[y * image.Width + x]]++;
        int total = box.Width * box.Height;
        int Percentile(double p)
        {
            long target = (long)(p * total), acc = 0;
            for (int v = 0; v < 256; v++)
                if ((acc += histogram[v]) > target) return v;
            return 255;
        }

        int median = Percentile(0.5);
        return Percentile(0.95) - median >= median - Percentile(0.05);
    }

    private static double AreaRatio(Region a, Region b)
    {
        double x = (double)a.Width * a.Height, y = (double)b.Width * b.Height;
        return Math.Max(x, y) / Math.Max(1, Math.Min(x, y));
    }

    /// <summary>Area of the intersection over the smaller box.</summary>
    private static double Overlap(Region a, Region b)
    {
        int x0 = Math.Max(a.X0, b.X0), x1 = Math.Min(a.X1, b.X1), y0 = Math.Max(a.Y0, b.Y0), y1 = Math.Min(a.Y1, b.Y1);
        if (x1 <= x0 || y1 <= y0) return 0;
        double inter = (double)(x1 - x0) * (y1 - y0);
        return inter / Math.Min((double)a.Width * a.Height, (double)b.Width * b.Height);
    }

    /// <summary>
    /// Fills one-row gaps between strokes above and below: dot-matrix glyphs (a dot, a blank row, a dot) become solid
    /// strokes, so they are cut, measured and joined like any other font. Solid strokes hardly change. Row by row from
    /// the top (a filled row counts as the row above of the next); the map holds 0 and 1 only, so a pixel becomes
    /// itself or (above and below), eight pixels to a word.
    /// </summary>
    private static void CloseRowGaps(byte[] map, int w, int h)
    {
        for (int y = 1; y < h - 1; y++)
        {
            var row = map.AsSpan(y * w, w);
            ReadOnlySpan<byte> above = map.AsSpan((y - 1) * w, w), below = map.AsSpan((y + 1) * w, w);
            int words = w / sizeof(ulong);
            var rowWords = MemoryMarshal.Cast<byte, ulong>(row)[..words];
            var aboveWords = MemoryMarshal.Cast<byte, ulong>(above)[..words];
            var belowWords = MemoryMarshal.Cast<byte, ulong>(below)[..words];
            for (int k = 0; k < rowWords.Length; k++) rowWords[k] |= aboveWords[k] & belowWords[k];
            for (int x = words * sizeof(ulong); x < w; x++) row[x] |= (byte)(above[x] & below[x]);
        }
    }

    /// <summary>
    /// Stroke maps (1 = stroke) of both polarities against the local mean, at the usual contrast and at the high one, in
    /// one pass. The neighbourhood sums come from column sums over the rows in reach (kept as the window moves down)
    /// and their running total along the row; all integer, so every comparison is exact.
    /// </summary>
    /// <param name="vector">whether the middle of each row and the column sums go 16 pixels at a time (the same integer
    /// arithmetic, so the same maps: tests compare both ways)</param>
    internal static void StrokeMaps(GreyImage image, byte[] bright, byte[] dark, byte[] strongBright, byte[] strongDark, bool vector = true)
    {
        vector &= Vector128.IsHardwareAccelerated;
        int w = image.Width, h = image.Height;
        var columnArray = ArrayPool<int>.Shared.Rent(w);
        var prefixArray = ArrayPool<int>.Shared.Rent(w + 1);
        try
        {
            // Sums fit an int: at most 2R+1 rows of 65535 columns of 255.
            var column = columnArray.AsSpan(0, w);
            var prefix = prefixArray.AsSpan(0, w + 1);
            column.Clear();
            for (int y = 0; y < Math.Min(h, Radius + 1); y++) AddRow(column, image.Pixels.AsSpan(y * w, w), 1, vector);
            for (int y = 0; y < h; y++)
            {
                if (y > 0)
                {
                    if (y + Radius < h) AddRow(column, image.Pixels.AsSpan((y + Radius) * w, w), 1, vector);
                    if (y - Radius - 1 >= 0) AddRow(column, image.Pixels.AsSpan((y - Radius - 1) * w, w), -1, vector);
                }

                int rows = Math.Min(h, y + Radius + 1) - Math.Max(0, y - Radius);
                prefix[0] = 0;
                for (int x = 0; x < w; x++) prefix[x + 1] = prefix[x] + column[x];
                var px = image.Pixels.AsSpan(y * w, w);
                var b = bright.AsSpan(y * w, w);
                var d = dark.AsSpan(y * w, w);
                var sb = strongBright.AsSpan(y * w, w);
                var sd = strongDark.AsSpan(y * w, w);
                // Left edge, middle (the whole window inside the row: one area), right edge.
                int middle0 = Math.Min(w, Radius), middle1 = Math.Max(middle0, w - Radius);
                for (int x = 0; x < middle0; x++) Mark(x, Math.Max(0, x - Radius), Math.Min(w, x + Radius + 1), px, prefix, rows, b, d, sb, sd);
                int area = (2 * Radius + 1) * rows, usual = Contrast * area, high = HighContrast * area;
                int x16 = vector ? MarkMiddle16(middle0, middle1, area, px, prefix, b, d, sb, sd) : middle0;
                for (int x = x16; x < middle1; x++)
                {
                    int diff = px[x] * area - (prefix[x + Radius + 1] - prefix[x - Radius]);
                    b[x] = diff > usual ? (byte)1 : (byte)0;
                    d[x] = diff < -usual ? (byte)1 : (byte)0;
                    sb[x] = diff > high ? (byte)1 : (byte)0;
                    sd[x] = diff < -high ? (byte)1 : (byte)0;
                }

                for (int x = middle1; x < w; x++) Mark(x, Math.Max(0, x - Radius), Math.Min(w, x + Radius + 1), px, prefix, rows, b, d, sb, sd);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columnArray);
            ArrayPool<int>.Shared.Return(prefixArray);
        }

        CloseRowGaps(bright, w, h);
        CloseRowGaps(dark, w, h);
        CloseRowGaps(strongBright, w, h);
        CloseRowGaps(strongDark, w, h);
    }

    /// <summary>The four maps at pixel <paramref name="x"/> of a row, its window [x0, x1) along the row.</summary>
    private static void Mark(int x, int x0, int x1, ReadOnlySpan<byte> px, ReadOnlySpan<int> prefix, int rows,
        Span<byte> bright, Span<byte> dark, Span<byte> strongBright, Span<byte> strongDark)
    {
        int area = (x1 - x0) * rows, diff = px[x] * area - (prefix[x1] - prefix[x0]);
        bright[x] = diff > Contrast * area ? (byte)1 : (byte)0;
        dark[x] = diff < -Contrast * area ? (byte)1 : (byte)0;
        strongBright[x] = diff > HighContrast * area ? (byte)1 : (byte)0;
        strongDark[x] = diff < -HighContrast * area ? (byte)1 : (byte)0;
    }

    /// <summary>
    /// The four maps over [<paramref name="x0"/>, <paramref name="x1"/>) of a row whose whole window lies inside it, 16
    /// pixels at a time (as the scalar loop: diff = pixel * area - window sum, compared with the two margins); returns
    /// where the scalar loop takes over (fewer than 16 pixels left).
    /// </summary>
    private static int MarkMiddle16(int x0, int x1, int area, ReadOnlySpan<byte> px, ReadOnlySpan<int> prefix,
        Span<byte> bright, Span<byte> dark, Span<byte> strongBright, Span<byte> strongDark)
    {
        var vArea = Vector128.Create(area);
        var usual = Vector128.Create(Contrast * area);
        var high = Vector128.Create(HighContrast * area);
        var one = Vector128.Create((byte)1);
        ref byte pixels = ref MemoryMarshal.GetReference(px);
        ref int sums = ref MemoryMarshal.GetReference(prefix);
        int x = x0;
        for (; x + 16 <= x1; x += 16)
        {
            var (low, highHalf) = Vector128.Widen(Vector128.LoadUnsafe(ref pixels, (nuint)x));
            var (p0, p1) = Vector128.Widen(low);
            var (p2, p3) = Vector128.Widen(highHalf);
            var d0 = Diff(p0, x, vArea, ref sums);
            var d1 = Diff(p1, x + 4, vArea, ref sums);
            var d2 = Diff(p2, x + 8, vArea, ref sums);
            var d3 = Diff(p3, x + 12, vArea, ref sums);
            Store(Vector128.GreaterThan(d0, usual), Vector128.GreaterThan(d1, usual), Vector128.GreaterThan(d2, usual), Vector128.GreaterThan(d3, usual), one, bright, x);
            Store(Vector128.LessThan(d0, -usual), Vector128.LessThan(d1, -usual), Vector128.LessThan(d2, -usual), Vector128.LessThan(d3, -usual), one, dark, x);
            Store(Vector128.GreaterThan(d0, high), Vector128.GreaterThan(d1, high), Vector128.GreaterThan(d2, high), Vector128.GreaterThan(d3, high), one, strongBright, x);
            Store(Vector128.LessThan(d0, -high), Vector128.LessThan(d1, -high), Vector128.LessThan(d2, -high), Vector128.LessThan(d3, -high), one, strongDark, x);
        }

        return x;
    }

    /// <summary>pixel * area - (prefix[x + R + 1] - prefix[x - R]) for the four pixels from <paramref name="x"/>.</summary>
    private static Vector128<int> Diff(Vector128<uint> pixels, int x, Vector128<int> area, ref int prefix) =>
        pixels.AsInt32() * area - (Vector128.LoadUnsafe(ref prefix, (nuint)(x + Radius + 1)) - Vector128.LoadUnsafe(ref prefix, (nuint)(x - Radius)));

    /// <summary>Four masks of four (all ones or zero) as 16 bytes of 1 or 0 at <paramref name="x"/>.</summary>
    private static void Store(Vector128<int> m0, Vector128<int> m1, Vector128<int> m2, Vector128<int> m3, Vector128<byte> one, Span<byte> map, int x) =>
        (Vector128.Narrow(Vector128.Narrow(m0, m1), Vector128.Narrow(m2, m3)).AsByte() & one).StoreUnsafe(ref MemoryMarshal.GetReference(map), (nuint)x);

    private static void AddRow(Span<int> column, ReadOnlySpan<byte> row, int sign, bool vector)
    {
        int x = 0;
        if (vector)
        {
            ref int sums = ref MemoryMarshal.GetReference(column);
            ref byte pixels = ref MemoryMarshal.GetReference(row);
            for (; x + 16 <= column.Length; x += 16)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref pixels, (nuint)x));
                var (p0, p1) = Vector128.Widen(low);
                var (p2, p3) = Vector128.Widen(high);
                Add(ref sums, x, p0.AsInt32(), sign);
                Add(ref sums, x + 4, p1.AsInt32(), sign);
                Add(ref sums, x + 8, p2.AsInt32(), sign);
                Add(ref sums, x + 12, p3.AsInt32(), sign);
            }
        }

        for (; x < column.Length; x++) column[x] += sign * row[x];
    }

    private static void Add(ref int sums, int x, Vector128<int> pixels, int sign)
    {
        var at = Vector128.LoadUnsafe(ref sums, (nuint)x);
        (sign > 0 ? at + pixels : at - pixels).StoreUnsafe(ref sums, (nuint)x);
    }

    private readonly record struct Blob(Region Box, int Strokes);

    /// <summary>
    /// Connected blobs of the row-smeared stroke map (runs joined by union-find), text-sized only. Stroke maps hold 0
    /// and 1 only: here and below their strokes are counted as the ones.
    /// </summary>
    private static List<Blob> Blobs(byte[] map, int w, int h)
    {
        // Runs of the smeared map, row by row: from a stroke pixel to the last one followed by no other within RowGap
        // pixels (the stretches of strokes and of gaps found by span search).
        var runs = new List<(int Y, int X0, int X1)>();
        var rowStart = new int[h + 1];
        for (int y = 0; y < h; y++)
        {
            rowStart[y] = runs.Count;
            var row = map.AsSpan(y * w, w);
            int x = 0;
            while (x < w)
            {
                int found = row[x..].IndexOfAnyExcept((byte)0);
                if (found < 0) break;
                int x0 = x + found, last = x0;
                while (true)
                {
                    int zero = row[(last + 1)..].IndexOf((byte)0);
                    if (zero < 0)
                    {
                        last = w - 1;
                        break;
                    }

                    int gap = last + 1 + zero;
                    last = gap - 1;
                    int next = row[gap..Math.Min(w, gap + RowGap + 1)].IndexOfAnyExcept((byte)0);
                    if (next < 0) break;
                    last = gap + next;
                }

                runs.Add((y, x0, last + 1));
                x = last + 1;
                if (runs.Count > 4_000_000) break;
            }
        }

        rowStart[h] = runs.Count;
        var parent = new int[runs.Count];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }

        // Join runs that touch a run of the row above or the one above that (a one-row gap: dot-matrix rows), up to
        // JoinSlack pixels apart along the row (a dot-matrix stroke going diagonally: dots a blank pixel apart).
        for (int y = 1; y < h; y++)
        {
            for (int dy = 1; dy <= 2 && y - dy >= 0; dy++)
            {
                int a = rowStart[y - dy], aEnd = rowStart[y - dy + 1];
                for (int i = rowStart[y]; i < rowStart[y + 1]; i++)
                {
                    var r = runs[i];
                    while (a < aEnd && runs[a].X1 + JoinSlack <= r.X0) a++;
                    for (int j = a; j < aEnd && runs[j].X0 < r.X1 + JoinSlack; j++)
                    {
                        int ri = Find(i), rj = Find(j);
                        if (ri != rj) parent[ri] = rj;
                    }
                }
            }
        }

        var boxes = new Dictionary<int, (int X0, int Y0, int X1, int Y1, int Strokes)>();
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            int root = Find(i);
            int strokes = RowStrokes(map, w, r.Y, r.X0, r.X1);
            boxes[root] = boxes.TryGetValue(root, out var b)
                ? (Math.Min(b.X0, r.X0), Math.Min(b.Y0, r.Y), Math.Max(b.X1, r.X1), Math.Max(b.Y1, r.Y + 1), b.Strokes + strokes)
                : (r.X0, r.Y, r.X1, r.Y + 1, strokes);
        }

        var blobs = new List<Blob>();
        foreach (var whole in boxes.Values)
        foreach (var b in SplitRows(map, w, whole))
        {
            int bw = b.X1 - b.X0, bh = b.Y1 - b.Y0;
            if (bh < MinHeight || bh > MaxHeight || bw < 2) continue;
            double density = (double)b.Strokes / (bw * bh);
            if (density < 0.03 || density > 0.85) continue; // dot-matrix glyphs of one-pixel dots cover about 5%
            blobs.Add(new Blob(new Region(b.X0, b.Y0, b.X1, b.Y1), b.Strokes));
        }

        return blobs;
    }

    /// <summary>
    /// Two text rows close together can join into one blob (a descender touching the line below); a blob is cut at two or
    /// more rows with (almost) no stroke when both parts are text height (dot-matrix glyphs, one empty row between their
    /// rows of dots, stay whole).
    /// </summary>
    private static IEnumerable<(int X0, int Y0, int X1, int Y1, int Strokes)> SplitRows(byte[] map, int w, (int X0, int Y0, int X1, int Y1, int Strokes) b)
    {
        if (b.Y1 - b.Y0 < 2 * MinHeight)
        {
            yield return b;
            yield break;
        }

        int start = b.Y0;
        int y = b.Y0;
        while (y < b.Y1)
        {
            // Find the next two empty rows at least MinHeight below the current start, with text height left below them.
            // One empty row is not a cut: dot-matrix glyphs have one between their rows of dots.
            int cut = -1;
            int empty = (b.X1 - b.X0) / 25;
            for (int r = start + MinHeight; r + 1 <= b.Y1 - MinHeight; r++)
            {
                if (RowStrokes(map, w, r, b.X0, b.X1) <= empty && RowStrokes(map, w, r + 1, b.X0, b.X1) <= empty)
                {
                    cut = r;
                    break;
                }
            }

            if (cut < 0) break;
            int end = cut;
            while (end < b.Y1 && RowStrokes(map, w, end, b.X0, b.X1) <= empty) end++;
            yield return Part(map, w, b.X0, b.X1, start, cut);
            start = end;
            y = end;
        }

        yield return start == b.Y0 ? b : Part(map, w, b.X0, b.X1, start, b.Y1);
    }

    private static int RowStrokes(byte[] map, int w, int y, int x0, int x1) => map.AsSpan(y * w + x0, x1 - x0).Count((byte)1);

    private static (int X0, int Y0, int X1, int Y1, int Strokes) Part(byte[] map, int w, int x0, int x1, int y0, int y1)
    {
        int minX = x1, maxX = x0, strokes = 0;
        for (int y = y0; y < y1; y++)
        {
            int o = y * w;
            for (int x = x0; x < x1; x++)
            {
                if (map[o + x] == 0) continue;
                strokes++;
                if (x < minX) minX = x;
                if (x >= maxX) maxX = x + 1;
            }
        }

        return maxX > minX ? (minX, y0, maxX, y1, strokes) : (x0, y0, x0, y1, 0);
    }

    /// <summary>Joins blobs of similar height on one baseline, close along the row, into line candidates.</summary>
    /// <param name="dropTextured">drop lines whose surroundings are as full of strokes as they are (speckle; text over
    /// an image is found by the high-contrast pass)</param>
    private static List<TextCandidate> Lines(List<Blob> blobs, byte[] map, int w, int h, bool brightText, bool dropTextured)
    {
        blobs.Sort((a, b) => a.Box.X0.CompareTo(b.Box.X0));
        int n = blobs.Count;
        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }

        for (int i = 0; i < n; i++)
        {
            var a = blobs[i].Box;
            for (int j = i + 1; j < n; j++)
            {
                var b = blobs[j].Box;
                int hMax = Math.Max(a.Height, b.Height), hMin = Math.Min(a.Height, b.Height);
                if (b.X0 - a.X1 > 3 * MaxHeight) break; // sorted by X0: later blobs start further right
                int gap = b.X0 - a.X1;
                // A word space, or a dropped separator (':' '-', too small for a blob), in a fixed-pitch or pixel font is
                // one to two glyph heights; a wider gap to a much smaller blob is another item (an annotation beside a date).
                if (gap > 2.2 * hMax || (gap > 1.6 * hMin && hMax > 1.3 * hMin)) continue;
                int vOverlap = Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0);
                if (vOverlap < 0.5 * hMin || hMax > 2.2 * hMin) continue;
                int ri = Find(i), rj = Find(j);
                if (ri != rj) parent[ri] = rj;
            }
        }

        var groups = new Dictionary<int, (Region Box, long Strokes, int Count)>();
        for (int i = 0; i < n; i++)
        {
            int root = Find(i);
            var b = blobs[i];
            groups[root] = groups.TryGetValue(root, out var g)
                ? (g.Box.Union(b.Box), g.Strokes + b.Strokes, g.Count + 1)
                : (b.Box, b.Strokes, 1);
        }

        var lines = new List<TextCandidate>();
        foreach (var g in groups.Values)
        {
            var box = g.Box;
            if (box.Height < MinHeight || box.Height > MaxHeight) continue;
            if (box.Width < 0.35 * box.Height) continue;
            double density = (double)g.Strokes / ((long)box.Width * box.Height);
            if (!LooksLikeText(map, w, box)) continue;
            if (dropTextured && Textured(map, w, h, box, density)) continue;
            lines.Add(new TextCandidate(box, brightText, density));
        }

        return lines;
    }

    /// <summary>
    /// Strokes cross the middle rows of a text line often: at least one stroke edge per half line height along the
    /// row, on average over the middle third; a bar, a border or a solid patch does not.
    /// </summary>
    private static bool LooksLikeText(byte[] map, int w, Region box)
    {
        int y0 = box.Y0 + box.Height / 3, y1 = Math.Max(y0 + 1, box.Y1 - box.Height / 3);
        long edges = 0;
        for (int y = y0; y < y1; y++)
        {
            int o = y * w;
            for (int x = box.X0 + 1; x < box.X1; x++)
                if (map[o + x] != map[o + x - 1]) edges++;
        }

        double perRow = (double)edges / (y1 - y0);
        return perRow >= Math.Max(2, box.Width / (1.5 * box.Height));
    }

    /// <summary>
    /// True when the ring around a box (a quarter of its height above and below, half of it left and right) holds strokes
    /// at more than half the box's own density: a patch of texture, not a line on a background. Neighbouring lines are
    /// rarely closer than a quarter line apart; along the row the next word is at least a space away.
    /// </summary>
    private static bool Textured(byte[] map, int w, int h, Region box, double density)
    {
        int py = Math.Max(2, box.Height / 4), px = Math.Max(3, box.Height / 2);
        var outer = new Region(box.X0 - px, box.Y0 - py, box.X1 + px, box.Y1 + py).ClipTo(w, h);
        long strokes = 0, area = 0;
        for (int y = outer.Y0; y < outer.Y1; y++)
        {
            if (y >= box.Y0 && y < box.Y1)
            {
                strokes += RowStrokes(map, w, y, outer.X0, box.X0) + RowStrokes(map, w, y, box.X1, outer.X1);
                area += box.X0 - outer.X0 + outer.X1 - box.X1;
            }
            else
            {
                strokes += RowStrokes(map, w, y, outer.X0, outer.X1);
                area += outer.X1 - outer.X0;
            }
        }

        return area > 0 && strokes > 0.5 * density * area;
    }
}
