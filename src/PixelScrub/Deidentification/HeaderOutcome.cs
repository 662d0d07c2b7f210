namespace PixelScrub.Deidentification;

/// <summary>How a header pass ended.</summary>
public enum HeaderOutcome
{
    /// <summary>Every action applied; the file may be written.</summary>
    Done,

    /// <summary>The spec asks for review (CTP's @quarantine, an unmet @require, a failed @lookup) or a new value cannot be stored.</summary>
    Quarantine,
}
