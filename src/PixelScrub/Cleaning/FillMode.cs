namespace PixelScrub.Cleaning;

/// <summary>What cleaned pixels are set to (ARCHITECTURE.md, "fill").</summary>
public enum FillMode
{
    /// <summary>The darkest displayable value of the encoding.</summary>
    Black,

    /// <summary>Mid-range grey, so a person can see what was touched (CTP's test mode).</summary>
    Gray,
}
