using System.Diagnostics;
using PixelScrub.Imaging;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Text;

/// <summary>
/// Text as ink coverage (0..1 per pixel) in several fonts for the generated corpus: netpbm's pbmtext with its two built-in
/// fonts (a proportional serif, a fixed-width font), PixelScrub's 5x7 bitmap font, and that font drawn as a dot matrix
/// (each dot separate, as on old scanners' clocks). Scaled by area averaging to any height.
/// </summary>
internal static class GlyphSource
{
    public enum Font
    {
        Serif,
        Fixed,
        Bitmap,
        DotMatrix,
    }

    private static readonly Dictionary<(Font, string), bool[,]> Cache = [];

    /// <summary>Coverage of <paramref name="text"/> with its ink <paramref name="height"/> pixels high.</summary>
    public static float[,] Render(string text, Font font, int height)
    {
        bool[,] ink;
        lock (Cache)
        {
            if (!Cache.TryGetValue((font, text), out ink!)) Cache[(font, text)] = ink = Crop(Draw(text, font));
        }

        int ih = ink.GetLength(0), iw = ink.GetLength(1);
        double scale = (double)height / ih;
        int w = Math.Max(1, (int)Math.Round(iw * scale));
        var result = new float[height, w];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < w; x++)
        {
            // Average the source pixels this target pixel covers.
            double sy0 = y / scale, sy1 = (y + 1) / scale, sx0 = x / scale, sx1 = (x + 1) / scale;
            double sum = 0, area = 0;
            for (int sy = (int)sy0; sy < Math.Min(ih, (int)Math.Ceiling(sy1)); sy++)
            for (int sx = (int)sx0; sx < Math.Min(iw, (int)Math.Ceiling(sx1)); sx++)
            {
                double a = (Math.Min(sy + 1, sy1) - Math.Max(sy, sy0)) * (Math.Min(sx + 1, sx1) - Math.Max(sx, sx0));
                area += a;
                if (ink[sy, sx]) sum += a;
            }

            result[y, x] = area > 0 ? (float)(sum / area) : 0;
        }

        return result;
    }

    private static bool[,] Draw(string text, Font font)
    {
        if (font is Font.Bitmap or Font.DotMatrix)
        {
            int dot = font == Font.DotMatrix ? 3 : 1; // a dot matrix: each font pixel a 2x2 dot in a 3x3 cell
            var (w, h) = BitmapFont.Measure(text, 1);
            var ink = new bool[h * dot, w * dot];
            int x = 0;
            foreach (char c in text.ToUpperInvariant())
            {
                for (int row = 0; row < 7; row++)
                for (int col = 0; col < 5; col++)
                {
                    if (!BitmapFont.IsSet(c, col, row)) continue;
                    for (int dy = 0; dy < (dot == 1 ? 1 : 2); dy++)
                    for (int dx = 0; dx < (dot == 1 ? 1 : 2); dx++)
                        if ((row * dot + dy) < ink.GetLength(0) && (x + col) * dot + dx < ink.GetLength(1)) ink[row * dot + dy, (x + col) * dot + dx] = true;
                }

                x += 6;
            }

            return ink;
        }

        var psi = new ProcessStartInfo(ReferenceTool.Require("pbmtext")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-builtin");
        psi.ArgumentList.Add(font == Font.Serif ? "bdf" : "fixed");
        psi.ArgumentList.Add(text);
        using var p = Process.Start(psi)!;
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        return ParsePbm(ms.ToArray());
    }

    private static bool[,] ParsePbm(byte[] bytes)
    {
        int pos = 0;
        string Token()
        {
            while (pos < bytes.Length && (char.IsWhiteSpace((char)bytes[pos]) || bytes[pos] == '#'))
            {
                if (bytes[pos] == '#') while (pos < bytes.Length && bytes[pos] != '\n') pos++;
                else pos++;
            }

            int s = pos;
            while (pos < bytes.Length && !char.IsWhiteSpace((char)bytes[pos])) pos++;
            return System.Text.Encoding.ASCII.GetString(bytes, s, pos - s);
        }

        if (Token() != "P4") throw new InvalidDataException("pbmtext did not write a raw PBM");
        int w = int.Parse(Token()), h = int.Parse(Token());
        pos++;
        int rowBytes = (w + 7) / 8;
        var ink = new bool[h, w];
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            ink[y, x] = (bytes[pos + y * rowBytes + x / 8] >> (7 - x % 8) & 1) != 0;
        return ink;
    }

    private static bool[,] Crop(bool[,] ink)
    {
        int h = ink.GetLength(0), w = ink.GetLength(1), x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            if (!ink[y, x]) continue;
            x0 = Math.Min(x0, x);
            y0 = Math.Min(y0, y);
            x1 = Math.Max(x1, x);
            y1 = Math.Max(y1, y);
        }

        if (x1 < 0) return new bool[1, 1];
        var result = new bool[y1 - y0 + 1, x1 - x0 + 1];
        for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
            result[y - y0, x - x0] = ink[y, x];
        return result;
    }
}
