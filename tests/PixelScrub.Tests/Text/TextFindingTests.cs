using PixelScrub.Masks;
using PixelScrub.Text;

namespace PixelScrub.Tests.Text;

/// <summary>What `--text redact` removes for a finding: its box padded, taken on to a near left or right frame edge.</summary>
public sealed class TextFindingTests
{
    private static TextFinding Phi(Region box) =>
        new(new TextLine("06:49:", box, 73, 0, TextSource.Pixels, []), TextVerdict.Phi("pattern:time"), "matches pattern:time");

    [Fact]
    public void A_box_away_from_the_edges_is_padded_and_no_more()
    {
        Assert.Equal(new Region(97, 17, 203, 53), Phi(new Region(100, 20, 200, 50)).RedactionRegion(3, 640, 480));
    }

    [Fact]
    public void A_box_that_stops_short_of_the_right_edge_goes_on_to_it()
    {
        // A 35 px clock cut by the frame's edge: its last glyph is a solid patch the proposer leaves out (45 px short).
        Assert.Equal(new Region(447, 416, 640, 458), Phi(new Region(450, 419, 595, 455)).RedactionRegion(3, 640, 480));
    }

    [Fact]
    public void A_box_that_starts_near_the_left_edge_goes_on_to_it()
    {
        Assert.Equal(new Region(0, 7, 123, 33), Phi(new Region(30, 10, 120, 30)).RedactionRegion(3, 640, 480));
    }

    [Fact]
    public void Only_within_one_and_a_half_heights_of_the_edge()
    {
        // 20 px high: reach 30. 31 px from the right edge stays where it is; 30 px goes on to the edge.
        Assert.Equal(new Region(497, 7, 612, 33), Phi(new Region(500, 10, 609, 30)).RedactionRegion(3, 640, 480));
        Assert.Equal(new Region(497, 7, 640, 33), Phi(new Region(500, 10, 610, 30)).RedactionRegion(3, 640, 480));
    }

    [Fact]
    public void The_region_is_clipped_to_the_frame()
    {
        Assert.Equal(new Region(0, 0, 640, 12), Phi(new Region(2, 1, 639, 9)).RedactionRegion(3, 640, 480));
    }
}
