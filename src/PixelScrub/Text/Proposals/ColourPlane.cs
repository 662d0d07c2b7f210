using PixelScrub.Masks;

namespace PixelScrub.Text.Proposals;

/// <summary>
/// The colour of a rendered RGB frame without its brightness: each pixel's chroma, its brightest channel less its darkest.
/// A scanner draws annotations in saturated colours (yellow, orange, green) over a grey image; by any brightness the
/// text sits among the speckle (orange dot-matrix digits at 210-250 in their brightest channel beside grain up to 200
/// after JPEG), by chroma it is 100-230 on grain below 30, the only thing in the plane. The scanner reads this plane as
/// a second image of the frame where it holds colour, for lines the frame's own reading did not read well.
/// </summary>
internal static class ColourPlane
{
    /// <summary>Chroma from which a pixel counts as coloured (JPEG leaves grey grain below 30).</summary>
    public const int ColouredFrom = 64;

    /// <summary>Coloured pixels a frame needs for its plane to be read: a few glyphs' strokes.</summary>
    public const int MinColoured = 32;

    /// <summary>
    /// The chroma plane of an RGB image, or null for grey images and colour images with fewer than
    /// <see cref="MinColoured"/> coloured pixels (a grey ultrasound stored as RGB: nothing to read there).
    /// </summary>
    public static GreyImage? Of(Imaging.RenderedImage image)
    {
        if (image.Channels != 3) return null;
        int w = image.Width, h = image.Height;
        var src = image.Pixels;
        byte[]? plane = null; // made at the first coloured pixel: most RGB frames (grey images stored as RGB) have none
        int coloured = 0;
        // Sub-pixel rendered grey text (ClearType-like, the corpus's RGB ultrasound) has saturated fringes one pixel wide:
        // a blue column left of each stroke, an orange one right, each darker than the grey stroke beside it. A coloured
        // pixel with a brighter grey neighbour along its row is such a fringe; coloured text is at least as bright as the
        // grey around it where it is drawn to be read. Below ColouredFrom the plane is 0: the fringes' fainter columns and
        // the chroma JPEG leaves on grey would otherwise outline grey text for the proposer.
        for (int y = 0; y < h; y++)
        {
            int row = y * w;
            for (int x = 0; x < w; x++)
            {
                int j = 3 * (row + x);
                var (max, c) = MaxAndChroma(src, j);
                if (c < ColouredFrom || x > 0 && IsBrighterGrey(src, j - 3, max) || x + 1 < w && IsBrighterGrey(src, j + 3, max)) continue;
                coloured++;
                (plane ??= new byte[w * h])[row + x] = (byte)c;
            }
        }

        return coloured >= MinColoured ? new GreyImage(w, h, plane!) : null;
    }

    private static (int Max, int Chroma) MaxAndChroma(byte[] rgb, int j)
    {
        int r = rgb[j], g = rgb[j + 1], b = rgb[j + 2];
        int max = Math.Max(r, Math.Max(g, b));
        return (max, max - Math.Min(r, Math.Min(g, b)));
    }

    private static bool IsBrighterGrey(byte[] rgb, int j, int than)
    {
        var (max, c) = MaxAndChroma(rgb, j);
        return c < ColouredFrom && max >= than;
    }

    /// <summary>Confidence from which the frame's own reading of a line stands and the plane does not read it again.</summary>
    public const float ReadWellFrom = 70;

    /// <summary>
    /// Whether a candidate of the plane was read already from the frame's brightness: a line of the frame, at most twice
    /// as high, covers most (70%) of its box, and is not over the image (coloured text on a black band, read by its
    /// brightest channel: the plane would read it again; or the sub-pixel fringes of grey text) or was read there at
    /// <see cref="ReadWellFrom"/> or more. Coloured text over the speckle is not: its reading from the frame is junk, or
    /// pieces, or missing.
    /// </summary>
    public static bool ReadAlready(Region candidate, IEnumerable<TextLine> frameLines)
    {
        long area = (long)candidate.Width * candidate.Height;
        if (area <= 0) return true;
        foreach (var line in frameLines)
        {
            if (line.OverImage && line.Confidence < ReadWellFrom) continue;
            // A block read as one (junk over the speckle, a band of lines) is not a reading of this line; a piece of a glyph
            // (a candidate a few pixels high) is read with its line.
            if (line.Box.Height > 2 * Math.Max(candidate.Height, 10)) continue;
            var common = candidate.Intersect(line.Box);
            if (!common.IsEmpty && (long)common.Width * common.Height >= 0.7 * area) return true;
        }

        return false;
    }
}
