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
}
