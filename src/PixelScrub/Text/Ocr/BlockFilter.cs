using PixelScrub.Masks;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// Leaves unread a block whose text the lines inside it read already. The proposer finds, beside each line, boxes around
/// several lines at once (the halo of a band of light text: 373x58 around three lines of the corpus RGB_IMAGE, 184x37
/// around two of GREYSCALE_IMAGE). Tesseract reads such a block as one line, at a third of the lines' scale: junk or a
/// part of the lines' text at low confidence ("8:48:26 AM vELAND 120907058", "TIS0.0. MI 0.6"), often a second time
/// binarized, 5-11 ms of CPU a read against 2-16 ms for each line inside. Its reading, when PHI, blanked the whole block
/// where the lines' boxes blank only their text.
/// <para>
/// The test, on the block's line image as it would be read (<see cref="LineImage"/>: its polarity settled, text dark):
/// every pixel darker than <see cref="InkBelow"/> inside the margin lies, in frame coordinates, within the line image
/// of a shorter candidate (at most 1/<see cref="TallerBy"/> of its height) of the same polarity that is read (not itself
/// left out here, nor dropped as speckle). Then every mark the block holds is in a line that is read, at its own scale.
/// One mark outside (a line the proposer did not find, a faint word, image content) and the block is read as before.
/// Candidates are taken from the shortest up, so the lines a block relies on are settled before it.
/// </para>
/// </summary>
internal static class BlockFilter
{
    /// <summary>How much taller than a line a candidate must be to count as a block over it.</summary>
    public const double TallerBy = 1.8;

    /// <summary>
    /// Grey level (0..255, text dark, the background white) below which a pixel of the block's image counts as a mark.
    /// The image's contrast is stretched (its 2nd percentile black); Tesseract's global (Otsu) threshold falls near the
    /// middle on such an image, and this is a margin above it. Not higher: the band behind the corpus ultrasounds' light
    /// text leaves a lighter shade (160-224) beside the lines. A word fainter than that is not lost with the block: the
    /// proposer finds it as a line of its own (a quarter of the lines' contrast, in the tests), and Tesseract, reading a
    /// block of lines as one line, reads junk there whatever the word's contrast.
    /// </summary>
    public const int InkBelow = 160;

    /// <summary>Which candidates are blocks left unread (<see cref="BlockFilter"/>).</summary>
    /// <param name="image">candidate i's line image as its first read would read it</param>
    /// <param name="speckle">whether candidate i is dropped unread as speckle</param>
    public static bool[] Covered(GreyImage frame, IReadOnlyList<TextCandidate> candidates, Func<int, LineImage> image, Func<int, bool> speckle)
    {
        int count = candidates.Count;
        var covered = new bool[count];
        // What each candidate's line image shows of the frame, taken once: every block weighs every shorter line.
        var seen = candidates.Select(c => LinePlacement.Of(frame, c.Box).Crop).ToArray();
        var lines = new List<Region>();
        foreach (int i in Enumerable.Range(0, count).OrderBy(i => candidates[i].Box.Height))
        {
            var block = candidates[i];
            lines.Clear();
            for (int j = 0; j < count; j++)
            {
                var line = candidates[j];
                if (j == i || covered[j] || line.BrightText != block.BrightText || TallerBy * line.Box.Height > block.Box.Height
                    || !seen[j].Intersects(block.Box) || speckle(j)) continue;
                lines.Add(seen[j]);
            }

            if (lines.Count > 0 && MarksWithin(image(i), lines)) covered[i] = true;
        }

        return covered;
    }

    /// <summary>Whether every mark of <paramref name="line"/> (inside its margin) lies, in frame coordinates, within one of <paramref name="regions"/>.</summary>
    internal static bool MarksWithin(LineImage line, IReadOnlyList<Region> regions)
    {
        var image = line.Image;
        var placement = line.Placement;
        int border = LineImage.Border;
        for (int y = border; y < image.Height - border; y++)
        {
            double fy = placement.Crop.Y0 + (y - border + 0.5) / placement.Scale;
            var row = image.Pixels.AsSpan(y * image.Width, image.Width);
            for (int x = border; x < image.Width - border; x++)
            {
                if (row[x] >= InkBelow) continue;
                double fx = placement.Crop.X0 + (x - border + 0.5) / placement.Scale;
                if (!Within(regions, fx, fy)) return false;
            }
        }

        return true;
    }

    private static bool Within(IReadOnlyList<Region> regions, double x, double y)
    {
        foreach (var r in regions)
        {
            if (x >= r.X0 && x < r.X1 && y >= r.Y0 && y < r.Y1) return true;
        }

        return false;
    }
}
