namespace PixelScrub.Imaging;

/// <summary>
/// A built-in 5x7 fixed-width font for ASCII 32..126 (other characters draw as '?'), drawn at an integer
/// scale into any pixel buffer: 8- or 16-bit grey, signed or not, RGB, with a stride. Each character takes
/// <see cref="Advance"/> x <see cref="LineHeight"/> cells times the scale; '\n' starts a new line.
/// Pixels outside the buffer are skipped, so text may run off any edge.
/// </summary>
internal static partial class BitmapFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;

    /// <summary>Horizontal distance between characters (glyph plus one blank column), unscaled.</summary>
    public const int Advance = 6;

    /// <summary>Vertical distance between lines (glyph plus two blank rows), unscaled.</summary>
    public const int LineHeight = 9;

    /// <summary>Width and height in pixels of the text at a scale (the last column and rows of spacing excluded).</summary>
    public static (int Width, int Height) Measure(string text, int scale)
    {
        ValidateScale(scale);
        if (text.Length == 0) return (0, 0);
        int lines = 1, longest = 0, current = 0;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                lines++;
                current = 0;
                continue;
            }

            current++;
            longest = Math.Max(longest, current);
        }

        int width = longest == 0 ? 0 : ((longest - 1) * Advance + GlyphWidth) * scale;
        int height = ((lines - 1) * LineHeight + GlyphHeight) * scale;
        return (width, height);
    }

    /// <summary>True when the glyph of <paramref name="c"/> has its pixel at (column, row) set.</summary>
    public static bool IsSet(char c, int column, int row)
    {
        if ((uint)column >= GlyphWidth || (uint)row >= GlyphHeight) return false;
        int index = c is >= ' ' and <= '~' ? c - ' ' : '?' - ' ';
        return (GlyphRows[index * GlyphHeight + row] >> (GlyphWidth - 1 - column) & 1) != 0;
    }

    /// <summary>Draws text with its top-left corner at (x, y) into a buffer of samples.</summary>
    /// <param name="pixels">the buffer; pixel (px, py) starts at py * stride + px * samplesPerPixel</param>
    /// <param name="stride">samples (not bytes) per row</param>
    /// <param name="colour">one value per sample (1 for grey, 3 for RGB)</param>
    public static void DrawText<T>(Span<T> pixels, int width, int height, int stride, int samplesPerPixel,
        int x, int y, string text, ReadOnlySpan<T> colour, int scale) where T : unmanaged
    {
        ValidateScale(scale);
        if (samplesPerPixel < 1 || colour.Length != samplesPerPixel)
            throw new ArgumentException($"{colour.Length} colour samples for {samplesPerPixel} samples per pixel", nameof(colour));
        if (width < 0 || height < 0 || stride < width * samplesPerPixel || (height > 0 && pixels.Length < (long)(height - 1) * stride + width * samplesPerPixel))
            throw new ArgumentException("the buffer is smaller than width, height and stride say", nameof(pixels));

        int penX = x, penY = y;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                penX = x;
                penY += LineHeight * scale;
                continue;
            }

            for (int row = 0; row < GlyphHeight; row++)
            {
                for (int column = 0; column < GlyphWidth; column++)
                {
                    if (!IsSet(c, column, row)) continue;
                    FillBlock(pixels, width, height, stride, samplesPerPixel, penX + column * scale, penY + row * scale, scale, colour);
                }
            }

            penX += Advance * scale;
        }
    }

    /// <summary>Draws text into a rendered image (grey images get the colour's grey level).</summary>
    public static void DrawText(RenderedImage image, int x, int y, string text, Rgb colour, int scale)
    {
        if (image.Channels == 1)
        {
            ReadOnlySpan<byte> grey = [colour.Grey];
            DrawText(image.Pixels.AsSpan(), image.Width, image.Height, image.Stride, 1, x, y, text, grey, scale);
        }
        else
        {
            ReadOnlySpan<byte> rgb = [colour.R, colour.G, colour.B];
            DrawText(image.Pixels.AsSpan(), image.Width, image.Height, image.Stride, 3, x, y, text, rgb, scale);
        }
    }

    private static void FillBlock<T>(Span<T> pixels, int width, int height, int stride, int samples, int x0, int y0, int size, ReadOnlySpan<T> colour)
        where T : unmanaged
    {
        int xStart = Math.Max(x0, 0), xEnd = Math.Min(x0 + size, width);
        int yStart = Math.Max(y0, 0), yEnd = Math.Min(y0 + size, height);
        for (int py = yStart; py < yEnd; py++)
        {
            for (int px = xStart; px < xEnd; px++)
            {
                colour.CopyTo(pixels.Slice(py * stride + px * samples, samples));
            }
        }
    }

    private static void ValidateScale(int scale)
    {
        if (scale is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(scale), "scale 1 to 256");
    }
}
