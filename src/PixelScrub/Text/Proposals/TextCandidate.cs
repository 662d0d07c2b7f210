using PixelScrub.Masks;

namespace PixelScrub.Text.Proposals;

/// <summary>
/// A region the proposer thinks holds one line of text, whether the text is lighter than its surroundings, and whether
/// it was found only at high contrast (text over image content: OCR reads it binarized first).
/// </summary>
internal readonly record struct TextCandidate(Region Box, bool BrightText, double Density, bool OverImage = false);
