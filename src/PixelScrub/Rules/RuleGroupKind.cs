namespace PixelScrub.Rules;

/// <summary>How the rules of a group are applied.</summary>
internal enum RuleGroupKind
{
    /// <summary>A deid %filter section: every matching LABEL counts.</summary>
    DeidFilter,

    /// <summary>A CTP pixel script: the first matching signature wins.</summary>
    CtpPixel,

    /// <summary>A CTP filter script: one expression; false sends the file to quarantine.</summary>
    CtpFilter,
}
