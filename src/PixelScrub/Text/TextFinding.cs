using PixelScrub.Masks;

namespace PixelScrub.Text;

/// <summary>
/// A judged line: the line, the verdict, and why in words (e.g. "matches PatientName (2 edits)"). <see cref="Box"/> is
/// what must be removed for a PHI verdict: the whole line, or only the words that matched when the judge can tell.
/// </summary>
public sealed record TextFinding(TextLine Line, TextVerdict Verdict, string Reason)
{
    /// <summary>The part of the line the verdict is about (defaults to the line's box).</summary>
    public Region Box { get; init; } = Line.Box;

    public bool IsPhi => Verdict.Kind == TextVerdictKind.Phi;

    /// <summary>
    /// Not judged PHI, but text over the image that OCR could not read with confidence (<see cref="PhiJudge"/>): it may
    /// hide PHI, so `--text redact` removes it too (fail closed). Verification does not hold a file for it.
    /// </summary>
    public bool Unreadable { get; init; }

    /// <summary>What `--text redact` adds to the mask: PHI and unreadable text.</summary>
    public bool Redacted => IsPhi || Unreadable;

    /// <summary>
    /// How near a frame's left or right edge, in heights of the box, a removed box is taken on to that edge. Text cut by
    /// the edge (a clock drawn partly outside the frame) ends in a piece of a glyph that is a solid patch, not strokes:
    /// the proposer does not put it in the line, and the digits the line read would otherwise leave it beside their box.
    /// </summary>
    public const double EdgeReach = 1.5;

    /// <summary>
    /// The region `--text redact` removes for this finding in a frame of <paramref name="columns"/> x <paramref name="rows"/>:
    /// <see cref="Box"/> padded by <paramref name="padding"/>, taken on to the left or right edge when it ends within
    /// <see cref="EdgeReach"/> of its height from it, clipped to the frame.
    /// </summary>
    public Region RedactionRegion(int padding, int columns, int rows)
    {
        var b = Box;
        int reach = (int)Math.Ceiling(EdgeReach * b.Height);
        int x0 = b.X0 - padding, x1 = b.X1 + padding;
        if (b.X0 <= reach) x0 = 0;
        if (columns - b.X1 <= reach) x1 = columns;
        return new Region(x0, b.Y0 - padding, x1, b.Y1 + padding).ClipTo(columns, rows);
    }
}
