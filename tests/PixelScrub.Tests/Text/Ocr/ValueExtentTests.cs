using PixelScrub.Masks;
using PixelScrub.Tests.Text.Generated;
using PixelScrub.Text.Ocr;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text.Ocr;

/// <summary>
/// A piece of a line over speckle (what the proposer often finds: a few glyphs whose strokes stood out) grows to the
/// whole line by the pixels of its ink value, and no further: not into a flat area of that value, not across grain
/// that holds the value as densely as the piece does.
/// </summary>
public sealed class ValueExtentTests
{
    private const int W = 640, H = 120;
    private const byte Level = 149;

    /// <summary>Speckle (10..190) with "37698043" drawn at <see cref="Level"/>; with <paramref name="jitter"/>, the value spread as JPEG spreads it.</summary>
    private static (GreyImage Grey, Region Drawn) Frame(int seed, int jitter = 0, int flatBefore = 0, bool sectorEdge = false)
    {
        var rng = new Random(seed);
        var pixels = Speckle.Pixels(W, H, rng);
        // The sector's left edge running down to the left across the bottom of the line's first glyphs: black below it.
        if (sectorEdge)
            for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                if (y > 50 + (x - 250) * 0.6) pixels[y * W + x] = 0;
        // A flat panel of the text's value, ending flatBefore pixels left of the text (a grey panel beside a sector).
        if (flatBefore > 0)
            for (int y = 0; y < H; y++)
                pixels.AsSpan(y * W, 230 - flatBefore).Fill(Level);
        var before = (byte[])pixels.Clone();
        var drawn = TextInk.DrawGrey(pixels, W, "37698043", Face.Sans, 28, 230, 40, Level);
        if (jitter > 0) Speckle.Jitter(pixels, before, Level, jitter, rng);
        return (new GreyImage(W, H, pixels), drawn);
    }

    /// <summary>The right quarter of the line, its middle rows only.</summary>
    private static Region Piece(Region drawn) =>
        new(drawn.X1 - drawn.Width / 4, drawn.Y0 + drawn.Height / 4, drawn.X1, drawn.Y1 - drawn.Height / 4);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    public void A_piece_grows_to_the_whole_line(int seed, int jitter)
    {
        var (grey, drawn) = Frame(seed, jitter);
        var grown = ValueExtent.Grow(grey, Piece(drawn), Level, jitter);
        // The drawn box is the glyphs' bitmap: its edge rows and columns may hold only blended pixels.
        Assert.InRange(grown.X0, drawn.X0 - 2, drawn.X0 + 3);
        Assert.InRange(grown.X1, drawn.X1 - 3, drawn.X1 + 2);
        Assert.InRange(grown.Y0, drawn.Y0 - 2, drawn.Y0 + 4);
        Assert.InRange(grown.Y1, drawn.Y1 - 4, drawn.Y1 + 2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Growth_stops_at_a_flat_area_of_the_value(int seed)
    {
        var (grey, drawn) = Frame(seed, flatBefore: 14);
        var grown = ValueExtent.Grow(grey, Piece(drawn), Level, 0);
        // The window that meets the panel's edge may take a column or two of it (windows are half a line wide); the
        // next one is flat, and growth stops there.
        int panelEnd = drawn.X0 - 14;
        Assert.InRange(grown.X0, panelEnd - grown.Height / 2, drawn.X0 + 3);
        Assert.InRange(grown.X1, drawn.X1 - 3, drawn.X1 + 2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_box_in_speckle_does_not_grow(int seed)
    {
        var grey = new GreyImage(W, H, Speckle.Pixels(W, H, new Random(seed)));
        var box = new Region(300, 40, 360, 60);
        // No pixels of the value: the box as it is. A value the grain holds everywhere (±10 about its middle): the
        // grain beside the line is as dense as the box, so it does not grow along the row either.
        Assert.Equal(box, ValueExtent.Grow(grey, box, 250, 0));
        var grown = ValueExtent.Grow(grey, box, 100, 10);
        Assert.InRange(grown.X0, box.X0 - box.Height, box.X0);
        Assert.InRange(grown.X1, box.X1, box.X1 + box.Height);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    public void A_word_box_is_drawn_in_to_its_glyphs(int seed, int jitter)
    {
        var (grey, drawn) = Frame(seed, jitter);
        var loose = new Region(drawn.X0 - 30, drawn.Y0 - 10, drawn.X1 + 30, drawn.Y1 + 10);
        var tight = ValueExtent.Tighten(grey, loose, Level, jitter);
        Assert.NotNull(tight);
        Assert.InRange(tight.Value.X0, drawn.X0 - 2, drawn.X0 + 3);
        Assert.InRange(tight.Value.X1, drawn.X1 - 3, drawn.X1 + 2);
        Assert.InRange(tight.Value.Y0, drawn.Y0 - 2, drawn.Y0 + 4);
        Assert.InRange(tight.Value.Y1, drawn.Y1 - 4, drawn.Y1 + 2);
        Assert.Null(ValueExtent.Tighten(grey, new Region(20, 20, 120, 60), 250, 0));
    }

    /// <summary>A candidate's box around a line: a margin left and below, as the proposer's boxes have.</summary>
    private static Region Around(Region drawn) => new(drawn.X0 - 10, drawn.Y0 - 2, drawn.X1, drawn.Y1 + 4);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_black_under_a_line_at_the_sectors_edge_is_flat_and_its_glyphs_are_not(int seed)
    {
        var (grey, drawn) = Frame(seed, jitter: 3, sectorEdge: true);
        var box = Around(drawn);
        Assert.True(ValueExtent.IsFlat(grey, box, 0, 0));
        Assert.False(ValueExtent.IsFlat(grey, box, Level, 3));
    }

    /// <summary>
    /// Found as dark text over the image (its box's darkest peak the black under it), the line is read by its own value:
    /// the black lies in runs longer than a glyph.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_line_at_the_sectors_edge_is_read_by_its_own_value_not_the_black(int seed)
    {
        var (grey, drawn) = Frame(seed, jitter: 3, sectorEdge: true);
        var candidate = new TextCandidate(Around(drawn), BrightText: false, Density: 0.3, OverImage: true);
        var (own, _) = LineImage.InkValues(grey, candidate);
        Assert.Equal(0, own?.Value);
        var value = PixelScrub.Text.TextScanner.LineValue(grey, candidate);
        Assert.NotNull(value);
        Assert.InRange(value.Value.Value, Level - 3, Level + 3);
    }
}
