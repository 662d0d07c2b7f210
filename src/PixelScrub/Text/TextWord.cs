using PixelScrub.Masks;

namespace PixelScrub.Text;

/// <summary>
/// One word the OCR engine recognised: its text, its box (half-open pixel rectangle in frame coordinates, ARCHITECTURE.md
/// "regions") and the engine's confidence (0..100).
/// </summary>
public sealed record TextWord(string Text, Region Box, float Confidence);
