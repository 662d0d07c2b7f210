using PixelScrub.Imaging;

namespace PixelScrub.Tests.Text.Generated;

/// <summary>The faces the generated corpus draws with: DejaVu outline fonts, PixelScrub's 5x7 bitmap font, and that font as a dot matrix.</summary>
internal enum Face
{
    Sans,
    SansBold,
    Serif,
    SerifBold,
    Mono,
    MonoBold,
    Bitmap,
    DotMatrix,
}

/// <summary>
/// Text as ink coverage (0..1 per pixel, cropped to the ink) in any <see cref="Face"/>. The outline fonts are Debian's
/// DejaVu (package fonts-dejavu-core), read from /usr/share/fonts; a test needing them fails naming the package.
/// Size is the em in pixels for outline fonts and the glyph cell height (7 rows times an integer scale) for the bitmap faces.
/// </summary>
internal static class TextInk
{
    private const string FontFolder = "/usr/share/fonts/truetype/dejavu";

    private static readonly Dictionary<Face, TrueTypeFont> Fonts = [];

    public static bool IsOutline(Face face) => face < Face.Bitmap;

    public static float[,] Render(string text, Face face, int size)
    {
        if (!IsOutline(face)) return Dots(text, Math.Max(1, (int)Math.Round(size / 7.0)), face == Face.DotMatrix);
        TrueTypeFont font;
        lock (Fonts)
        {
            if (!Fonts.TryGetValue(face, out font!)) Fonts[face] = font = Load(face);
        }

        return font.Render(text, size);
    }

    private static TrueTypeFont Load(Face face)
    {
        string file = face switch
        {
            Face.Sans => "DejaVuSans.ttf",
            Face.SansBold => "DejaVuSans-Bold.ttf",
            Face.Serif => "DejaVuSerif.ttf",
            Face.SerifBold => "DejaVuSerif-Bold.ttf",
            Face.Mono => "DejaVuSansMono.ttf",
            _ => "DejaVuSansMono-Bold.ttf",
        };
        string path = Path.Combine(FontFolder, file);
        if (!File.Exists(path))
            throw new InvalidOperationException($"Font {path} is not installed; the generated text corpus needs it. Install it with: apt-get install -y fonts-dejavu-core");
        return new TrueTypeFont(path);
    }

    /// <summary>The bitmap font at an integer scale; as a dot matrix each font pixel is a dot with a gap around it (old scanners' clocks).</summary>
    private static float[,] Dots(string text, int scale, bool matrix)
    {
        var (w, h) = BitmapFont.Measure(text, 1);
        int cell = matrix ? Math.Max(2, scale) : scale, dot = matrix ? Math.Max(1, cell - 1) : cell;
        var ink = new float[h * cell, Math.Max(1, w * cell)];
        int x = 0;
        foreach (char c in text)
        {
            for (int row = 0; row < BitmapFont.GlyphHeight; row++)
            for (int col = 0; col < BitmapFont.GlyphWidth; col++)
            {
                if (!BitmapFont.IsSet(c, col, row)) continue;
                for (int dy = 0; dy < dot; dy++)
                for (int dx = 0; dx < dot; dx++)
                    ink[row * cell + dy, (x + col) * cell + dx] = 1;
            }

            x += BitmapFont.Advance;
        }

        return Crop(ink);
    }

    /// <summary>
    /// Draws <paramref name="text"/> into an 8-bit grey image <paramref name="width"/> pixels wide, its top left at (x, y):
    /// each pixel moved towards <paramref name="level"/> by the ink's coverage. Returns the box drawn.
    /// </summary>
    public static PixelScrub.Masks.Region DrawGrey(byte[] pixels, int width, string text, Face face, int size, int x, int y, byte level)
    {
        var ink = Render(text, face, size);
        int ih = ink.GetLength(0), iw = ink.GetLength(1);
        for (int r = 0; r < ih; r++)
        for (int c = 0; c < iw; c++)
        {
            if (ink[r, c] <= 0) continue;
            int p = (y + r) * width + x + c;
            pixels[p] = (byte)Math.Round(pixels[p] + (level - pixels[p]) * Math.Min(1f, ink[r, c]));
        }

        return new PixelScrub.Masks.Region(x, y, x + iw, y + ih);
    }

    /// <summary>The smallest rectangle holding every inked pixel (a 1x1 blank for no ink).</summary>
    public static float[,] Crop(float[,] ink)
    {
        int h = ink.GetLength(0), w = ink.GetLength(1), x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            if (ink[y, x] <= 0.02f) continue;
            x0 = Math.Min(x0, x);
            y0 = Math.Min(y0, y);
            x1 = Math.Max(x1, x);
            y1 = Math.Max(y1, y);
        }

        if (x1 < 0) return new float[1, 1];
        var result = new float[y1 - y0 + 1, x1 - x0 + 1];
        for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
            result[y - y0, x - x0] = ink[y, x];
        return result;
    }
}
