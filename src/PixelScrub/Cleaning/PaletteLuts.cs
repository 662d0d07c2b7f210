namespace PixelScrub.Cleaning;

/// <summary>The red, green and blue palette tables of a PALETTE COLOR image.</summary>
public sealed record PaletteLuts(PaletteLut Red, PaletteLut Green, PaletteLut Blue);
