using PixelScrub.Masks;

namespace PixelScrub.Imaging;

/// <summary>
/// The before/after picture a reviewer signs off on: the original and the cleaned frame side by side on a dark
/// background, clean regions outlined in red and keep regions in green on both, the label written above.
/// </summary>
internal static class CompareImage
{
    public static readonly Rgb Background = new(24, 24, 24);
    public static readonly Rgb TextColour = new(235, 235, 235);
    public static readonly Rgb CleanColour = Rgb.Red;
    public static readonly Rgb KeepColour = Rgb.Green;

    private const int Margin = 8;
    private const int Gap = 12;

    /// <summary>Composes the comparison (always RGB).</summary>
    /// <param name="original">the frame as read</param>
    /// <param name="cleaned">the same frame after cleaning (same size as the original)</param>
    /// <param name="cleanRegions">regions set to clean, in frame pixel coordinates</param>
    /// <param name="keepRegions">regions set to keep, in frame pixel coordinates</param>
    /// <param name="label">text above the images (e.g. file name and rule label); may have several lines</param>
    /// <param name="scale">scale of the frames in the picture (nearest to enlarge, box to shrink)</param>
    public static RenderedImage Compose(RenderedImage original, RenderedImage cleaned, IReadOnlyList<Region> cleanRegions,
        IReadOnlyList<Region> keepRegions, string label, double scale = 1)
    {
        if (original.Width != cleaned.Width || original.Height != cleaned.Height)
            throw new ArgumentException($"original is {original.Width}x{original.Height}, cleaned {cleaned.Width}x{cleaned.Height}", nameof(cleaned));

        var left = ImageScaler.Scale(original, scale);
        var right = ImageScaler.Scale(cleaned, scale);
        int panelWidth = left.Width, panelHeight = left.Height;
        int width = Margin * 2 + panelWidth * 2 + Gap;

        int fontScale = width >= 640 ? 2 : 1;
        int charWidth = BitmapFont.Advance * fontScale;
        int maxChars = Math.Max(1, (width - 2 * Margin + fontScale) / charWidth);
        var lines = new List<string>();
        foreach (var line in label.Replace("\r", "").Split('\n'))
            lines.Add(line.Length <= maxChars ? line : line[..Math.Max(0, maxChars - 3)] + "...");
        string captionLeft = Fit("original", panelWidth / charWidth);
        string captionRight = Fit("cleaned", panelWidth / charWidth);

        int lineHeight = BitmapFont.LineHeight * fontScale;
        int labelHeight = label.Length == 0 ? 0 : lines.Count * lineHeight;
        int captionY = Margin + labelHeight;
        int panelY = captionY + lineHeight;
        int height = panelY + panelHeight + Margin;

        var canvas = new RenderedImage(width, height, 3);
        Fill(canvas, Background);
        if (label.Length > 0) BitmapFont.DrawText(canvas, Margin, Margin, string.Join('\n', lines), TextColour, fontScale);
        BitmapFont.DrawText(canvas, Margin, captionY, captionLeft, TextColour, fontScale);
        int rightX = Margin + panelWidth + Gap;
        BitmapFont.DrawText(canvas, rightX, captionY, captionRight, TextColour, fontScale);

        Blit(canvas, left, Margin, panelY);
        Blit(canvas, right, rightX, panelY);

        double sx = (double)panelWidth / original.Width, sy = (double)panelHeight / original.Height;
        int thickness = panelWidth >= 800 ? 2 : 1;
        foreach (var (regions, colour) in new[] { (cleanRegions, CleanColour), (keepRegions, KeepColour) })
        {
            foreach (var region in regions)
            {
                var r = region.ClipTo(original.Width, original.Height);
                if (r.IsEmpty) continue;

                // The region in panel pixels: [floor(x0 * s), ceil(x1 * s)) covers every pixel it touches.
                var scaled = new Region((int)Math.Floor(r.X0 * sx), (int)Math.Floor(r.Y0 * sy), (int)Math.Ceiling(r.X1 * sx), (int)Math.Ceiling(r.Y1 * sy))
                    .ClipTo(panelWidth, panelHeight);
                Outline(canvas, scaled, Margin, panelY, colour, thickness);
                Outline(canvas, scaled, rightX, panelY, colour, thickness);
            }
        }

        return canvas;
    }

    /// <summary>Draws the border of a region (inside it) offset by (ox, oy).</summary>
    public static void Outline(RenderedImage canvas, Region region, int ox, int oy, Rgb colour, int thickness)
    {
        if (region.IsEmpty) return;
        int t = Math.Min(thickness, Math.Min(region.Width, region.Height));
        FillRect(canvas, new Region(region.X0, region.Y0, region.X1, region.Y0 + t), ox, oy, colour);
        FillRect(canvas, new Region(region.X0, region.Y1 - t, region.X1, region.Y1), ox, oy, colour);
        FillRect(canvas, new Region(region.X0, region.Y0, region.X0 + t, region.Y1), ox, oy, colour);
        FillRect(canvas, new Region(region.X1 - t, region.Y0, region.X1, region.Y1), ox, oy, colour);
    }

    private static void FillRect(RenderedImage canvas, Region region, int ox, int oy, Rgb colour)
    {
        var r = new Region(region.X0 + ox, region.Y0 + oy, region.X1 + ox, region.Y1 + oy).ClipTo(canvas.Width, canvas.Height);
        for (int y = r.Y0; y < r.Y1; y++)
        {
            var row = canvas.Row(y);
            for (int x = r.X0; x < r.X1; x++)
            {
                row[3 * x] = colour.R;
                row[3 * x + 1] = colour.G;
                row[3 * x + 2] = colour.B;
            }
        }
    }

    private static void Fill(RenderedImage canvas, Rgb colour) =>
        FillRect(canvas, new Region(0, 0, canvas.Width, canvas.Height), 0, 0, colour);

    private static void Blit(RenderedImage canvas, RenderedImage image, int x, int y)
    {
        var rgb = image.ToRgb();
        for (int row = 0; row < rgb.Height; row++)
            rgb.Row(row).CopyTo(canvas.Row(y + row).Slice(x * 3, rgb.Stride));
    }

    private static string Fit(string text, int maxChars) => text.Length <= maxChars ? text : text[..Math.Max(0, maxChars)];
}
