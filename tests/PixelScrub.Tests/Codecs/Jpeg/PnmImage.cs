namespace PixelScrub.Tests.Codecs.Jpeg;

/// <summary>A decoded PNM image (PGM or PPM, 8- or 16-bit samples).</summary>
public sealed record PnmImage(int Width, int Height, int Channels, int MaxValue, int[] Samples);
