namespace PixelScrub.Imaging;

/// <summary>
/// An 8-bit display image: grey (1 channel) or RGB (3 channels, interleaved), rows top to bottom with no
/// padding (stride = Width * Channels).
/// </summary>
public sealed class RenderedImage
{
    /// <summary>A new black image.</summary>
    public RenderedImage(int width, int height, int channels)
    {
        Validate(width, height, channels);
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = new byte[(long)width * height * channels];
    }

    /// <summary>An image over existing bytes (not copied).</summary>
    public RenderedImage(int width, int height, int channels, byte[] pixels)
    {
        Validate(width, height, channels);
        if (pixels.LongLength != (long)width * height * channels)
            throw new ArgumentException($"{pixels.Length} bytes for a {width}x{height}x{channels} image", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    private static void Validate(int width, int height, int channels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "image size must be positive");
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), "1 (grey) or 3 (RGB) channels");
        if ((long)width * height * channels > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(width), "image too large");
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>1 for grey, 3 for RGB.</summary>
    public int Channels { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * Channels;

    public byte[] Pixels { get; }

    public bool IsGrey => Channels == 1;

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Stride, Stride);

    /// <summary>This image as RGB (a copy with grey replicated when it is grey; this instance when it is RGB).</summary>
    public RenderedImage ToRgb()
    {
        if (Channels == 3) return this;
        var rgb = new RenderedImage(Width, Height, 3);
        var src = Pixels.AsSpan();
        var dst = rgb.Pixels.AsSpan();
        for (int i = 0, j = 0; i < src.Length; i++, j += 3)
        {
            byte v = src[i];
            dst[j] = v;
            dst[j + 1] = v;
            dst[j + 2] = v;
        }

        return rgb;
    }
}
