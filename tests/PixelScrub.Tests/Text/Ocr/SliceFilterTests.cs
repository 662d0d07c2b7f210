using PixelScrub.Masks;
using PixelScrub.Tests.Text.Generated;
using PixelScrub.Text.Ocr;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text.Ocr;

public sealed class SliceFilterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const byte Band = 40, Text = 220;

    /// <summary>A 400x60 frame, black, with a grey band over rows 0..<paramref name="bandRows"/> and <paramref name="text"/> drawn light at (x, y).</summary>
    private static (GreyImage Frame, Region Ink) Draw(string text, Face face, int size, int x, int y, int bandRows = 30)
    {
        const int w = 400, h = 60;
        var pixels = new byte[w * h];
        for (int i = 0; i < bandRows * w; i++) pixels[i] = Band;
        var ink = TextInk.DrawGrey(pixels, w, text, face, size, x, y, Text);
        return (new GreyImage(w, h, pixels), ink);
    }

    [Theory]
    [InlineData((int)Face.Sans, 14)]
    [InlineData((int)Face.SerifBold, 20)]
    [InlineData((int)Face.Mono, 12)]
    [InlineData((int)Face.Bitmap, 14)]
    [InlineData((int)Face.DotMatrix, 14)]
    public void A_whole_line_is_kept_in_either_polarity(int face, int size)
    {
        var (frame, ink) = Draw("DOE^JANE 01/31/1970", (Face)face, size, 20, 8);
        // The line as the proposer boxes it, and its box taken in the wrong polarity: both are read.
        Assert.False(SliceFilter.IsSlice(frame, new TextCandidate(ink, BrightText: true, 0.4)));
        Assert.False(SliceFilter.IsSlice(frame, new TextCandidate(ink, BrightText: false, 0.4)));
    }

    /// <summary>
    /// A slice across glyphs drawn in strokes is dropped. A dot-matrix line's dots are whole in any slice across
    /// it, so such a slice is read (as before the filter).
    /// </summary>
    [Theory]
    [InlineData((int)Face.Sans, 14, true)]
    [InlineData((int)Face.SerifBold, 20, true)]
    [InlineData((int)Face.Mono, 12, true)]
    [InlineData((int)Face.Bitmap, 14, true)]
    [InlineData((int)Face.DotMatrix, 14, false)]
    public void A_slice_across_a_line_is_dropped(int face, int size, bool dropped)
    {
        var (frame, ink) = Draw("DOE^JANE 01/31/1970", (Face)face, size, 20, 8);
        // The band above the line and the top third of its glyphs: the gaps between the glyphs' tops look like dark text.
        var slice = new Region(ink.X0, 0, ink.X1, ink.Y0 + ink.Height / 3);
        Assert.Equal(dropped, SliceFilter.IsSlice(frame, new TextCandidate(slice, BrightText: false, 0.5)));
        Assert.Equal(dropped, SliceFilter.IsSlice(frame, new TextCandidate(slice, BrightText: true, 0.5)));
        // The bottom third and the black below it.
        var below = new Region(ink.X0, ink.Y1 - ink.Height / 3, ink.X1, ink.Y1 + 12);
        Assert.Equal(dropped, SliceFilter.IsSlice(frame, new TextCandidate(below, BrightText: false, 0.5)));
    }

    [Fact]
    public void A_slice_is_dropped_only_where_a_candidate_reads_its_line_whole()
    {
        var (frame, ink) = Draw("DOE^JANE 01/31/1970", Face.Sans, 14, 20, 8);
        var line = new TextCandidate(ink, BrightText: true, 0.4);
        var slice = new TextCandidate(new Region(ink.X0, 0, ink.X1, ink.Y0 + ink.Height / 3), BrightText: false, 0.5);
        var elsewhere = new TextCandidate(new Region(ink.X1 + 20, 35, ink.X1 + 60, 50), BrightText: true, 0.4);
        Assert.Equal([line, elsewhere], SliceFilter.Keep(frame, [slice, line, elsewhere]));
        // Nothing reads the line it cuts: the slice is read.
        Assert.Equal([slice, elsewhere], SliceFilter.Keep(frame, [slice, elsewhere]));
    }

    [Fact]
    public void Text_on_the_frames_first_row_is_whole_not_cut()
    {
        // The crop stops at the frame's edge, which cuts nothing: glyphs touching it are whole.
        var (frame, ink) = Draw("MRN 4799069", Face.Sans, 14, 30, 0);
        Assert.Equal(0, ink.Y0);
        Assert.False(SliceFilter.IsSlice(frame, new TextCandidate(ink, BrightText: true, 0.4)));
    }

    /// <summary>Text drawn over speckle (grain of random grey up to <paramref name="grain"/>, the text brighter than all of it) is read, and so is a slice across it: over image content nothing is dropped.</summary>
    [Theory]
    [InlineData((int)Face.Sans, 14, 120, 1)]
    [InlineData((int)Face.SansBold, 18, 180, 2)]
    [InlineData((int)Face.Bitmap, 14, 150, 3)]
    [InlineData((int)Face.DotMatrix, 21, 120, 4)]
    public void A_line_over_image_content_is_kept(int face, int size, int grain, int seed)
    {
        var (frame, ink) = Draw("DOE^JANE 01/31/1970", (Face)face, size, 20, 12, bandRows: 0);
        var random = new Random(seed);
        var pixels = frame.Pixels;
        for (int i = 0; i < pixels.Length; i++)
            if (pixels[i] == 0) pixels[i] = (byte)random.Next(grain);
        Assert.False(SliceFilter.IsSlice(frame, new TextCandidate(ink, BrightText: true, 0.4, OverImage: true)));
        Assert.False(SliceFilter.IsSlice(frame, new TextCandidate(ink, BrightText: false, 0.4, OverImage: true)));
        var slice = new Region(ink.X0, 0, ink.X1, ink.Y0 + ink.Height / 3);
        Assert.False(SliceFilter.IsSlice(frame, new TextCandidate(slice, BrightText: false, 0.5, OverImage: true)));
    }

    [Fact]
    public void A_faint_crop_is_never_dropped()
    {
        // Too little contrast to threshold: grey 40 and 60 only.
        var flat = new byte[400 * 60];
        for (int i = 0; i < flat.Length; i++) flat[i] = (byte)(i % 7 == 0 ? 60 : 40);
        Assert.False(SliceFilter.IsSlice(new GreyImage(400, 60, flat), new TextCandidate(new Region(20, 10, 200, 30), BrightText: true, 0.4)));
    }

    /// <summary>
    /// On the real ultrasounds (all frames of the three files), the filter drops slices across lines read whole by another
    /// candidate (the band's top edge of GREYSCALE_IMAGE, the depth label on the image's lower edge), each crossing a
    /// candidate it keeps that is no slice, and none of what Tesseract reads in them is the PHI the `tesseract` command
    /// reads from these images, nor a date, time or run of digits.
    /// </summary>
    [Fact]
    public void Slices_dropped_on_the_real_ultrasounds_cross_a_line_read_whole_and_hold_no_phi()
    {
        int alone = 0;
        var (_, dropped) = UltrasoundText.AssertDroppedHoldNoPhi(output, (grey, candidates) =>
        {
            var kept = SliceFilter.Keep(grey, candidates);
            var slices = candidates.Except(kept).ToList();
            foreach (var c in slices)
            {
                Assert.True(SliceFilter.IsSlice(grey, c));
                Assert.Contains(kept, k => !SliceFilter.IsSlice(grey, k) && k.Box.Intersects(c.Box));
            }

            // Slices that cross no line are read.
            alone += kept.Count(c => SliceFilter.IsSlice(grey, c));
            return slices.Select(c => LineImage.From(grey, c).Image);
        });
        output.WriteLine($"{alone} slices kept: they cross no line read whole");
        Assert.True(dropped > 0, "the filter drops the slices across the corpus ultrasounds' lines");
    }
}
