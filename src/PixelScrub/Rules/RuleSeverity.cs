namespace PixelScrub.Rules;

public enum RuleSeverity
{
    /// <summary>The file cannot be loaded.</summary>
    Error,

    /// <summary>Loaded, but something will not do what it seems to (an unknown field name deid reads as missing).</summary>
    Warning,

    /// <summary>Loaded; for information (a section parsed but not applied).</summary>
    Note,
}
