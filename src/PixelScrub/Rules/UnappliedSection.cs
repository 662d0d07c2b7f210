namespace PixelScrub.Rules;

/// <summary>
/// A deid section PixelScrub parses and keeps but does not apply yet (%header, %values, %fields): reported,
/// never silently dropped. Lines are kept as written, with their line numbers.
/// </summary>
internal sealed record UnappliedSection(string Kind, string? Name, int Line, IReadOnlyList<(int Line, string Text)> Lines);
