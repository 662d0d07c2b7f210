namespace PixelScrub.Tests.Text.Ocr;

/// <summary>Speckle like the generated corpus's sector: 10..190, blobs of a few pixels (noise on a half-resolution grid), a slow swell down the rows.</summary>
internal static class Speckle
{
    public static byte[] Pixels(int width, int height, Random rng)
    {
        int gw = width / 2 + 2, gh = height / 2 + 2;
        var noise = new double[gw * gh];
        for (int i = 0; i < noise.Length; i++) noise[i] = rng.NextDouble();
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double n = noise[(y / 2) * gw + x / 2];
            pixels[y * width + x] = (byte)Math.Clamp(45 + 110 * n * n + 35 * Math.Sin(y / 17.0), 0, 255);
        }

        return pixels;
    }

    /// <summary>Spreads the pixels drawn at <paramref name="level"/> (those that were not that before) over ±<paramref name="jitter"/> levels, as JPEG spreads one value.</summary>
    public static void Jitter(byte[] pixels, byte[] before, byte level, int jitter, Random rng)
    {
        for (int i = 0; i < pixels.Length; i++)
            if (pixels[i] == level && before[i] != level) pixels[i] = (byte)Math.Clamp(level + rng.Next(-jitter, jitter + 1), 0, 255);
    }
}
