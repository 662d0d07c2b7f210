namespace PixelScrub.Rules;

/// <summary>What happens to a file (ARCHITECTURE.md, "decision policy").</summary>
public enum Decision
{
    /// <summary>Copied unchanged.</summary>
    Pass,

    /// <summary>Pixels cleaned with the mask of the matched rules.</summary>
    Clean,

    /// <summary>Set aside for review, with the reason.</summary>
    Quarantine,
}
