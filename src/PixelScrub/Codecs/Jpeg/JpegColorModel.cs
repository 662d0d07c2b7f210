namespace PixelScrub.Codecs.Jpeg;

/// <summary>How the components of a JPEG frame map to colour, which decides what "black" means in <see cref="JpegRedactMode.Fill"/>.</summary>
public enum JpegColorModel
{
    /// <summary>
    /// Decide from the code stream: 1 component: monochrome; 3 components: RGB when an Adobe APP14 says
    /// transform 0 or the component ids are 'R','G','B', otherwise YCbCr (JFIF or no marker); 2 or 4
    /// components: every component to its minimum.
    /// </summary>
    Auto = 0,

    /// <summary>Component 0 is luma (to its minimum), the others chroma (to neutral).</summary>
    YCbCr,

    /// <summary>Every component to its minimum (RGB, MONOCHROME2, CMYK-like data).</summary>
    Rgb,

    /// <summary>One component whose minimum is black (MONOCHROME2).</summary>
    Monochrome,

    /// <summary>One component whose maximum is black (MONOCHROME1): filled to the largest value.</summary>
    InvertedMonochrome,
}
