namespace PixelScrub.Deidentification.Deid;

/// <summary>One %header line: action, field expression, value (ADD, REPLACE, JITTER), and where it is.</summary>
internal sealed record DeidAction(DeidActionKind Kind, DeidSelector Selector, DeidValue? Value, int Line, int Column);
