using PixelScrub.Masks;

namespace PixelScrub.Text;

/// <summary>
/// One recognised line of text: the words in reading order, the line's box (half-open pixel rectangle in frame
/// coordinates: the union of its words, or the candidate region read), its mean confidence (0..100), the frame it was
/// read from (0-based) and whether it came from the pixels or from an overlay plane.
/// </summary>
public sealed record TextLine(string Text, Region Box, float Confidence, int Frame, TextSource Source, IReadOnlyList<TextWord> Words)
{
    /// <summary>The overlay group (0x6000..0x601E) when <see cref="Source"/> is <see cref="TextSource.Overlay"/>; 0 otherwise.</summary>
    public ushort OverlayGroup { get; init; }

    /// <summary>The proposer found the line only at high contrast: text drawn over image content (speckle, anatomy).</summary>
    public bool OverImage { get; init; }
}
