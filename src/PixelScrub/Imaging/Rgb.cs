namespace PixelScrub.Imaging;

/// <summary>An 8-bit RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb Black = new(0, 0, 0);
    public static readonly Rgb White = new(255, 255, 255);
    public static readonly Rgb Red = new(255, 0, 0);
    public static readonly Rgb Green = new(0, 255, 0);
    public static readonly Rgb Yellow = new(255, 255, 0);

    /// <summary>The grey level of this colour (ITU-R BT.601 luma weights), for grey images.</summary>
    public byte Grey => (byte)((R * 299 + G * 587 + B * 114 + 500) / 1000);
}
