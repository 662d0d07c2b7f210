using PixelScrub.Masks;

namespace PixelScrub.Text.Proposals;

/// <summary>A region the proposer thinks holds one line of text, and whether the text is lighter than its surroundings.</summary>
internal readonly record struct TextCandidate(Region Box, bool BrightText, double Density);
