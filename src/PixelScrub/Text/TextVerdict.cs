namespace PixelScrub.Text;

/// <summary>
/// The judge's verdict on one line: <see cref="Kind"/>, and for PHI what it matched: a header field keyword
/// (<c>PatientName</c>, <c>StudyDate</c>, ...) or a pattern name (<c>date</c>, <c>label:MRN</c>, ...) in <see cref="Match"/>.
/// </summary>
public sealed record TextVerdict(TextVerdictKind Kind, string? Match = null)
{
    public static TextVerdict Allowed { get; } = new(TextVerdictKind.Allowed);

    public static TextVerdict Unknown { get; } = new(TextVerdictKind.Unknown);

    public static TextVerdict Phi(string match) => new(TextVerdictKind.Phi, match);

    public override string ToString() => Match is null ? Kind.ToString().ToLowerInvariant() : $"{Kind.ToString().ToLowerInvariant()}:{Match}";
}
