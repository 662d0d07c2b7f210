namespace PixelScrub.Imaging;

/// <summary>Container for multi-frame previews.</summary>
public enum AnimationFormat
{
    /// <summary>Animated PNG: lossless, full colour; shown as a still image by viewers without APNG support.</summary>
    Apng,

    /// <summary>GIF89a: 256 colours (grey exact, colour dithered), played by every viewer.</summary>
    Gif,
}
