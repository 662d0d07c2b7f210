namespace PixelScrub.Rules.Deid;

/// <summary>The criteria of a deid %filter line.</summary>
internal enum DeidCriterion
{
    Contains,
    NotContains,
    Equals,
    NotEquals,
    Missing,
    Present,
    Empty,
}
