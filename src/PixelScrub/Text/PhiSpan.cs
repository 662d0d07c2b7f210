namespace PixelScrub.Text;

/// <summary>A part of a line judged PHI: [Start, End) in the line's text, what it matched, and at how many edits.</summary>
internal readonly record struct PhiSpan(int Start, int End, string Match, int Edits, bool FromHeader);
