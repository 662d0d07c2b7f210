namespace PixelScrub.Text;

/// <summary>Where recognised text was read: the pixel data, or an overlay plane (60xx).</summary>
public enum TextSource
{
    /// <summary>The image pixels (a rendered frame).</summary>
    Pixels,

    /// <summary>An overlay plane; <see cref="TextLine.OverlayGroup"/> names its group (0x6000..0x601E).</summary>
    Overlay,
}
