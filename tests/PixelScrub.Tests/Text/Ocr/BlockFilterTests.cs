using PixelScrub.Masks;
using PixelScrub.Tests.Text.Generated;
using PixelScrub.Text.Ocr;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text.Ocr;

public sealed class BlockFilterTests
{
    private const int Width = 420, Height = 90;
    private const byte Band = 40, Text = 220;

    /// <summary>A black frame with a grey band over rows 0..70, the two lines drawn light in it (and whatever <paramref name="more"/> draws).</summary>
    private static (GreyImage Frame, Region First, Region Second) Band2(Action<byte[]>? more = null)
    {
        var pixels = new byte[Width * Height];
        for (int i = 0; i < 70 * Width; i++) pixels[i] = Band;
        var first = Draw(pixels, "DOE^JANE 01/31/1970", 12, 10, Text);
        var second = Draw(pixels, "MRN 4799069", 12, 40, Text);
        more?.Invoke(pixels);
        return (new GreyImage(Width, Height, pixels), first, second);
    }

    private static Region Draw(byte[] pixels, string text, int x, int y, byte level) => TextInk.DrawGrey(pixels, Width, text, Face.Sans, 14, x, y, level);

    private static bool[] Covered(GreyImage frame, List<TextCandidate> candidates, Func<int, bool>? speckle = null) =>
        BlockFilter.Covered(frame, candidates, i => LineImage.From(frame, candidates[i]), speckle ?? (_ => false));

    /// <summary>The box around both lines, as the proposer finds it around a band's block of light text.</summary>
    private static TextCandidate BlockOver(Region first, Region second, bool bright = true) =>
        new(new Region(Math.Min(first.X0, second.X0) - 4, first.Y0 - 6, Math.Max(first.X1, second.X1) + 4, second.Y1 + 6), bright, 0.3);

    [Fact]
    public void A_block_whose_marks_all_lie_in_its_lines_is_not_read()
    {
        var (frame, first, second) = Band2();
        var candidates = new List<TextCandidate> { BlockOver(first, second), new(first, true, 0.4), new(second, true, 0.4) };
        Assert.True(candidates[0].Box.Height >= BlockFilter.TallerBy * first.Height);
        Assert.Equal([true, false, false], Covered(frame, candidates));
    }

    [Fact]
    public void A_block_holding_a_word_no_line_reads_is_read()
    {
        // A third word between the lines' ends, which no candidate of its own reads: only the block would.
        var (frame, first, second) = Band2(p => Draw(p, "ID", 330, 40, Text));
        var candidates = new List<TextCandidate> { BlockOver(first, new Region(second.X0, second.Y0, 360, second.Y1)), new(first, true, 0.4), new(second, true, 0.4) };
        Assert.Equal([false, false, false], Covered(frame, candidates));
    }

    /// <summary>
    /// A faint word in the band (a quarter of the lines' contrast) is lighter than a mark in the block's image, but the
    /// proposer finds it as a line of its own, which is read; the block over all three is not. (Read as one line, such a
    /// block gives Tesseract 5 junk whatever the third word's contrast: "aa", "oe", "me" at confidence 23-42.)
    /// </summary>
    [Fact]
    public void A_faint_word_in_a_block_is_read_as_a_line_of_its_own()
    {
        Region faint = default;
        var (frame, first, second) = Band2(p => faint = Draw(p, "ID 4417", 300, 40, (byte)(Band + (Text - Band) / 4)));
        var proposed = TextProposer.Propose(frame);
        // A light line whose line image holds the whole word.
        Assert.Contains(proposed, c => c.BrightText && LinePlacement.Of(frame, c.Box).Crop is var seen
            && seen.X0 <= faint.X0 && seen.X1 >= faint.X1 && seen.Y0 <= faint.Y0 && seen.Y1 >= faint.Y1);
        var candidates = proposed.Where(c => c.Box.Height < 20).Prepend(BlockOver(first, faint)).ToList();
        Assert.True(Covered(frame, candidates)[0]);
    }

    [Fact]
    public void Only_lines_that_are_read_in_the_same_polarity_cover_a_block()
    {
        var (frame, first, second) = Band2();
        // Lines found in the other polarity read the band between the strokes, not the block's text.
        Assert.False(Covered(frame, [BlockOver(first, second), new(first, false, 0.4), new(second, false, 0.4)])[0]);
        // A line dropped unread as speckle reads nothing.
        Assert.False(Covered(frame, [BlockOver(first, second), new(first, true, 0.4), new(second, true, 0.4)], i => i == 2)[0]);
        // One line alone leaves the other's marks to the block.
        Assert.False(Covered(frame, [BlockOver(first, second), new(first, true, 0.4)])[0]);
    }

    [Fact]
    public void A_candidate_not_much_taller_than_the_lines_is_no_block()
    {
        var (frame, first, _) = Band2();
        // The first line's box, a few rows taller: a second reading of the same line, not a block over it.
        var taller = new TextCandidate(new Region(first.X0 - 2, first.Y0 - 3, first.X1 + 2, first.Y1 + 3), true, 0.4);
        Assert.True(taller.Box.Height < BlockFilter.TallerBy * first.Height);
        Assert.Equal([false, false], Covered(frame, [taller, new(first, true, 0.4)]));
    }
}
