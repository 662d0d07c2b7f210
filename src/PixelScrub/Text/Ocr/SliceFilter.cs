using PixelScrub.Masks;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// Drops candidates that are a slice across a text line rather than a line, where another candidate reads that line
/// whole: a box over the top rows of a band's glyphs and the plain band above them, found in the polarity where the
/// band is the "text" (the gaps between the glyphs' tops look like dark strokes). Tesseract reads such a slice as junk
/// ("9 Teer MAT Trai.") with low confidence, then reads it again inverted and a second time binarized: 15-25 ms of CPU
/// each, more than the line it cuts through.
/// <para>
/// The test, on the frame's pixels of the candidate's padded crop (<see cref="LinePlacement"/>), thresholded halfway
/// between its 2nd and 98th percentile: the ink of a line lies mostly in components the crop holds whole (glyphs, the
/// dots of a dot-matrix font); the ink of a slice runs out of the crop, its glyphs cut by the crop's edge and its band
/// reaching the crop's sides. A candidate is dropped only when, in both polarities, less than <see cref="MinWholeShare"/>
/// of the ink lies in components that touch no edge of the crop (an edge of the frame does not count: text printed at
/// the frame's first row is whole). Nor is a crop of too little contrast to threshold (<see cref="MinContrast"/>).
/// Text over image content is never dropped here: its glyphs touch grain as bright as they are, which runs out of the
/// crop (tried: the generated corpus then left a serif ID over a JPEG image unread).
/// </para>
/// </summary>
internal static class SliceFilter
{
    /// <summary>Share of the ink that must lie in whole components, in one polarity at least, for a candidate to be read.</summary>
    public const double MinWholeShare = 0.1;

    /// <summary>Contrast (2nd to 98th percentile, 0..255) below which nothing is dropped.</summary>
    public const int MinContrast = 48;

    /// <summary>Crops larger than this (pixels) are not tested: bounds the labelling's memory.</summary>
    private const int MaxArea = 1 << 20;

    /// <summary>
    /// The candidates to read: all but the slices (<see cref="IsSlice"/>) that cross a candidate which is no slice, so
    /// that the line a slice cuts is read whole. A slice crossing none (a patch of image content that looks cut) is
    /// read as before.
    /// </summary>
    public static List<TextCandidate> Keep(GreyImage frame, List<TextCandidate> candidates)
    {
        var slice = candidates.Select(c => IsSlice(frame, c)).ToArray();
        var lines = candidates.Where((_, i) => !slice[i]).ToList();
        return candidates.Where((c, i) => !slice[i] || !lines.Any(l => l.Box.Intersects(c.Box))).ToList();
    }

    /// <summary>Whether <paramref name="candidate"/> is a slice by the test above (never over image content, never on a faint or oversized crop).</summary>
    public static bool IsSlice(GreyImage frame, TextCandidate candidate)
    {
        if (candidate.OverImage) return false;
        var crop = LinePlacement.Of(frame, candidate.Box).Crop;
        int cw = crop.Width, ch = crop.Height;
        if (cw < 3 || ch < 3 || (long)cw * ch > MaxArea) return false;

        Span<int> histogram = stackalloc int[256];
        for (int y = crop.Y0; y < crop.Y1; y++)
        {
            foreach (byte v in frame.Pixels.AsSpan(y * frame.Width + crop.X0, cw)) histogram[v]++;
        }

        int total = cw * ch, lo = 0, hi = 255;
        for (int acc = 0; lo < 255 && (acc += histogram[lo]) < total * 0.02; lo++) { }
        for (int acc = 0; hi > 0 && (acc += histogram[hi]) < total * 0.02; hi--) { }
        if (hi - lo < MinContrast) return false;
        int threshold = (lo + hi + 1) / 2;

        // Which sides of the crop are cuts (not the frame's own edge).
        var cuts = (Left: crop.X0 > 0, Top: crop.Y0 > 0, Right: crop.X1 < frame.Width, Bottom: crop.Y1 < frame.Height);
        var ink = new bool[total];
        var labels = new int[total];
        var stack = new Stack<int>();
        foreach (bool bright in (ReadOnlySpan<bool>)[true, false])
        {
            for (int y = 0; y < ch; y++)
            {
                var row = frame.Pixels.AsSpan((crop.Y0 + y) * frame.Width + crop.X0, cw);
                for (int x = 0; x < cw; x++) ink[y * cw + x] = bright ? row[x] >= threshold : row[x] < threshold;
            }

            if (WholeShare(ink, labels, stack, cw, ch, cuts) >= MinWholeShare) return false;
        }

        return true;
    }

    /// <summary>The share of the ink in 8-connected components that touch no cut side of the crop (0 when there is no ink).</summary>
    private static double WholeShare(bool[] ink, int[] labels, Stack<int> stack, int w, int h, (bool Left, bool Top, bool Right, bool Bottom) cuts)
    {
        Array.Clear(labels);
        long inkCount = 0, whole = 0;
        int label = 0;
        for (int start = 0; start < ink.Length; start++)
        {
            if (!ink[start] || labels[start] != 0) continue;
            labels[start] = ++label;
            stack.Push(start);
            int size = 0;
            bool cut = false;
            while (stack.Count > 0)
            {
                int p = stack.Pop(), px = p % w, py = p / w;
                size++;
                cut |= (px == 0 && cuts.Left) || (py == 0 && cuts.Top) || (px == w - 1 && cuts.Right) || (py == h - 1 && cuts.Bottom);
                for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    int nx = px + dx, ny = py + dy;
                    if ((uint)nx >= (uint)w || (uint)ny >= (uint)h) continue;
                    int q = ny * w + nx;
                    if (!ink[q] || labels[q] != 0) continue;
                    labels[q] = label;
                    stack.Push(q);
                }
            }

            inkCount += size;
            if (!cut) whole += size;
        }

        return inkCount == 0 ? 0 : (double)whole / inkCount;
    }
}
