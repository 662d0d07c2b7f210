namespace PixelScrub.Codecs.Jpeg;

/// <summary>Where <see cref="JpegRedactMode.Fill"/> sends a component: its minimum, its maximum, or neutral (0).</summary>
internal enum JpegComponentRole
{
    Minimum,
    Maximum,
    Neutral,
}
