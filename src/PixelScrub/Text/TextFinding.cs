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
}
