using PixelScrub.Masks;

namespace PixelScrub.Rules.Learning;

/// <summary>What <see cref="RuleLearner"/> gathered for one device signature: files, PHI lines, padded PHI boxes.</summary>
internal sealed class LearnedGroup
{
    public int Files { get; set; }

    public int PhiLines { get; set; }

    public List<Region> Boxes { get; } = [];
}
