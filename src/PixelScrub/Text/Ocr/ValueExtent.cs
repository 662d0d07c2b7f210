using PixelScrub.Masks;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// How far a line of text over image content reaches, told by the pixels of its ink value. Over speckle the proposer
/// often finds a piece of a line (a few glyphs whose strokes stood out from their neighbourhood; the rest join the grain),
/// and a piece does not read as what the line says: "37698043" is read as "Speier" and "Se oes" from two pieces. The
/// value's pixels (<see cref="LineImage.Layer"/>) do show the whole line: the box is grown up and down, then along its
/// row window by window, while rows and windows hold a share of the box's density of the value's pixels and well above
/// the grain (how densely image content a line height away holds the value: contours, specks, in JPEG much of the
/// speckle within the tolerance). A flat area of the value (a panel, the black around a sector) stops it, and the
/// growth is bounded.
/// </summary>
internal static class ValueExtent
{
    /// <summary>
    /// The box grown to the extent of its value's pixels along its row (at most <see cref="Reach"/> line heights each way)
    /// and above and below it (at most half a line height each way); the box itself when it holds none.
    /// </summary>
    /// <param name="value">the ink value, in the frame's values</param>
    /// <param name="tolerance">levels either side of it that count</param>
    public static Region Grow(GreyImage frame, Region box, int value, int tolerance)
    {
        int h = box.Height, up = h / 2;
        var search = new Region(box.X0 - Reach * h, box.Y0 - up, box.X1 + Reach * h, box.Y1 + up).ClipTo(frame.Width, frame.Height);
        if (search.Width <= 0 || search.Height <= 0) return box;
        // The layer reaches a line height above and below the box: the rows beyond the growth's reach show how often
        // image content crosses the value (the grain; in JPEG speckle much of it is within the tolerance), which the
        // line's windows and rows must hold well above.
        var seen = new Region(search.X0, box.Y0 - h, search.X1, box.Y1 + h).ClipTo(frame.Width, frame.Height);
        var layer = LineImage.Layer(frame, seen, value, tolerance);
        int w = seen.Width;
        bool Ink(int x, int y) => layer.Pixels[(y - seen.Y0) * w + (x - seen.X0)] == 0;
        int Column(int x, int y0, int y1)
        {
            int n = 0;
            for (int y = y0; y < y1; y++) n += Ink(x, y) ? 1 : 0;
            return n;
        }

        int Row(int y, int x0, int x1)
        {
            int n = 0;
            for (int x = x0; x < x1; x++) n += Ink(x, y) ? 1 : 0;
            return n;
        }

        // A run of the value longer than a glyph is wide is a flat area (the black around an ultrasound sector), not ink.
        var rows = new Region(box.X0, Math.Max(box.Y0, search.Y0), box.X1, Math.Min(box.Y1, search.Y1));
        if (HasFlatRun(layer, seen, rows, h)) return box;
        int inside = 0;
        for (int y = rows.Y0; y < rows.Y1; y++) inside += Row(y, box.X0, box.X1);
        if (inside == 0) return box;
        double density = (double)inside / (box.Width * box.Height);
        // The grain: the median column's share of the value's pixels in the rows beyond the growth's reach (a flat area
        // of the value beside the line, all of it ink, moves the median little).
        var grainColumns = new int[w];
        int grainRows = 0;
        for (int y = seen.Y0; y < seen.Y1; y++)
        {
            if (y >= search.Y0 && y < search.Y1) continue;
            grainRows++;
            for (int x = seen.X0; x < seen.X1; x++) grainColumns[x - seen.X0] += Ink(x, y) ? 1 : 0;
        }

        Array.Sort(grainColumns);
        double grain = grainRows == 0 ? 0 : (double)grainColumns[w / 2] / grainRows;

        // Up and down first (a piece's box may be lower than the glyphs), over the box's columns: rows holding a share of
        // the box's mean row of ink, next to each other; then along the row, with the line's height as found.
        var (top, bottom) = Rows(box.X0, box.X1);
        int lineHeight = bottom - top;
        // Windows half a line high wide; one window without enough ink is let pass (a space between words).
        int step = Math.Max(2, lineHeight / 2);
        int held = 0;
        for (int y = top; y < bottom; y++) held += Row(y, box.X0, box.X1);
        double enough = Math.Max(KeptShare * held / (box.Width * lineHeight), GrainTimes * grain) * step * lineHeight;
        int left = Along(box.X0, -1), right = Along(box.X1, +1);
        (top, bottom) = Rows(left, right);
        return new Region(left, top, right, bottom);

        // The edge of the line on one side of the box (direction -1: left, +1: right), window by window from the box's
        // edge: the windows with enough ink are the line's (up to their last inked column); a flat one ends it.
        int Along(int edge, int direction)
        {
            int reached = edge;
            for (int start = edge, misses = 0; misses <= 1; start += direction * step)
            {
                int x0 = direction < 0 ? start - step : start, x1 = x0 + step;
                if (x0 < search.X0 || x1 > search.X1) break;
                int count = 0, farthest = -1;
                for (int x = x0; x < x1; x++)
                {
                    int c = Column(x, top, bottom);
                    count += c;
                    if (c > 0 && (direction > 0 || farthest < 0)) farthest = direction < 0 ? x : x + 1;
                }

                if (count > FlatShare * step * lineHeight) break;
                if (count >= enough) (reached, misses) = (farthest, 0);
                else misses++;
            }

            return reached;
        }

        (int Top, int Bottom) Rows(int x0, int x1)
        {
            double rowEnough = Math.Max(KeptShare * density, GrainTimes * grain) * (x1 - x0);
            int t = box.Y0, b = box.Y1;
            bool Part(int y) => Row(y, x0, x1) is var n && n >= rowEnough && n <= FlatShare * (x1 - x0);
            while (t > search.Y0 && Part(t - 1)) t--;
            while (b < search.Y1 && Part(b)) b++;
            return (t, b);
        }
    }

    /// <summary>
    /// A word's box drawn in to the rows and columns where its value's pixels are dense (at least a tenth of the box's
    /// width or height, and two): Tesseract's box of a word read from a value layer takes in the grain joined to it.
    /// Null when no row or column is.
    /// </summary>
    public static Region? Tighten(GreyImage frame, Region box, int value, int tolerance)
    {
        box = box.ClipTo(frame.Width, frame.Height);
        if (box.Width <= 0 || box.Height <= 0) return null;
        var layer = LineImage.Layer(frame, box, value, tolerance);
        int w = box.Width, h = box.Height;
        var rows = new int[h];
        var columns = new int[w];
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            if (layer.Pixels[y * w + x] != 0) continue;
            rows[y]++;
            columns[x]++;
        }

        int rowEnough = Math.Max(2, w / 10), columnEnough = Math.Max(2, h / 10);
        int top = Array.FindIndex(rows, r => r >= rowEnough), bottom = Array.FindLastIndex(rows, r => r >= rowEnough);
        int left = Array.FindIndex(columns, c => c >= columnEnough), right = Array.FindLastIndex(columns, c => c >= columnEnough);
        if (top < 0 || left < 0) return null;
        return new Region(box.X0 + left, box.Y0 + top, box.X0 + right + 1, box.Y0 + bottom + 1);
    }

    /// <summary>How many line heights a box may grow along its row on either side.</summary>
    public const int Reach = 12;

    /// <summary>Share of the box's density of value pixels a window (or row) must hold to be part of the line.</summary>
    private const double KeptShare = 0.25;

    /// <summary>How many times the density of the value's pixels beside the line a window must hold.</summary>
    private const double GrainTimes = 3;

    /// <summary>
    /// Whether the pixels of a value in a box lie in a run along a row longer than <see cref="FlatRun"/> box heights: a flat
    /// area (the black around an ultrasound sector under a line at its edge), not the strokes of a line's glyphs.
    /// </summary>
    public static bool IsFlat(GreyImage frame, Region box, int value, int tolerance)
    {
        box = box.ClipTo(frame.Width, frame.Height);
        return !box.IsEmpty && HasFlatRun(LineImage.Layer(frame, box, value, tolerance), box, box, box.Height);
    }

    /// <summary>
    /// Whether a row of <paramref name="rows"/> holds a run of the value longer than <see cref="FlatRun"/> times
    /// <paramref name="height"/>, in a layer made over <paramref name="seen"/> (which holds <paramref name="rows"/>).
    /// </summary>
    private static bool HasFlatRun(GreyImage layer, Region seen, Region rows, int height)
    {
        int w = seen.Width, longest = 0;
        for (int y = rows.Y0; y < rows.Y1; y++)
        for (int x = rows.X0, run = 0; x < rows.X1; x++)
            longest = Math.Max(longest, run = layer.Pixels[(y - seen.Y0) * w + (x - seen.X0)] == 0 ? run + 1 : 0);
        return longest > FlatRun * height;
    }

    /// <summary>Line heights of one run of the value along a row from which the value is taken as a flat area.</summary>
    private const double FlatRun = 1.5;

    /// <summary>Share of a window (or row) held by the value from which it is a flat area (a panel beside the image), where growth stops.</summary>
    private const double FlatShare = 0.6;
}
