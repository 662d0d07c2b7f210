namespace PixelScrub.Rules.Ctp;

/// <summary>The methods of CTP's DicomFilter expressions (identifier.method("argument")).</summary>
internal enum CtpMethod
{
    Equals,
    EqualsIgnoreCase,
    Matches,
    Contains,
    ContainsIgnoreCase,
    StartsWith,
    StartsWithIgnoreCase,
    EndsWith,
    EndsWithIgnoreCase,
    IsLessThan,
    IsGreaterThan,
}
