namespace PixelScrub.Cleaning;

/// <summary>The photometric interpretations the native cleaner knows how to fill.</summary>
internal enum PhotometricKind
{
    Monochrome1,
    Monochrome2,
    Rgb,
    YbrFull,
    YbrFull422,
    PaletteColor,
}
