namespace PixelScrub.Text;

/// <summary>
/// One judged line as reports, sidecars and `scan` write it: frame (0-based), where it was read (pixels, or the overlay
/// group), box "x0,y0,x1,y1" (half-open), text, confidence, verdict (phi, allowed, unknown), what it matched, why.
/// </summary>
public sealed record TextFindingRow(int Frame, string Source, string Box, string Text, double Confidence, string Verdict, string? Match, string Reason)
{
    public static TextFindingRow From(TextFinding f) => new(
        f.Line.Frame,
        f.Line.Source == TextSource.Overlay ? $"overlay {f.Line.OverlayGroup:X4}" : "pixels",
        f.Box.ToString(),
        f.Line.Text,
        Math.Round(f.Line.Confidence, 1),
        f.Verdict.Kind.ToString().ToLowerInvariant(),
        f.Verdict.Match,
        f.Reason);
}
