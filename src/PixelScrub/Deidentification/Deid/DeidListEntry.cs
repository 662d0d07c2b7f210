namespace PixelScrub.Deidentification.Deid;

/// <summary>
/// One line of a %values or %fields list: <c>FIELD selector</c> (the fields, or their values), or
/// <c>SPLIT selector by="^";minlength=4</c> (their values split, parts at least minlength long).
/// </summary>
internal sealed record DeidListEntry(bool Split, DeidSelector Selector, string SplitBy = " ", int MinLength = 1);
