namespace PixelScrub.Codecs.Jpeg;

/// <summary>What happens to a block that intersects a clean part of the mask (ARCHITECTURE.md, "fill").</summary>
public enum JpegRedactMode
{
    /// <summary>DC set so the block decodes to black (luma) or neutral (chroma); AC dropped. The default.</summary>
    Fill = 0,

    /// <summary>DC set to mid-grey (0), AC dropped: what <c>jpegtran -wipe</c> does.</summary>
    Gray = 1,

    /// <summary>DC kept, AC dropped: each block keeps its mean (what CTP does).</summary>
    Blur = 2,
}
