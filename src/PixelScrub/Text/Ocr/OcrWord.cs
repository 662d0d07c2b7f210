using PixelScrub.Masks;

namespace PixelScrub.Text.Ocr;

/// <summary>A word as the engine returned it: text, box in the coordinates of the image it was given, confidence 0..100.</summary>
internal readonly record struct OcrWord(string Text, Region Box, float Confidence);
