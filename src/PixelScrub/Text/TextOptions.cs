namespace PixelScrub.Text;

/// <summary>The text stage's settings (`clean --text`, triage, padding, when a file is held).</summary>
public sealed record TextOptions
{
    /// <summary>
    /// Default verify: every triaged output is read before it is written, so a rule that misses text cannot pass PHI
    /// silently; without the engine, those files are quarantined naming the package (never a quiet fall back to off).
    /// </summary>
    public TextMode Mode { get; init; } = TextMode.Verify;

    public TextTriage Triage { get; init; } = TextTriage.Default;

    /// <summary>Pixels added around each PHI box before it joins the mask (JPEG: then widened to whole 8x8 blocks... by the DCT cleaner).</summary>
    public int Padding { get; init; } = 3;

    /// <summary>
    /// With redact, a file rules flag without regions is held (not released to OCR) when more than this share of its
    /// text lines cannot be judged (a scanned letter or form).
    /// </summary>
    public double MaxUnknownShare { get; init; } = 0.5;

    /// <summary>
    /// Rule groups whose flag (without regions) still holds a file for review in redact mode; the CTP filter's
    /// rejection is named "filter". Default: none (OCR decides).
    /// </summary>
    public IReadOnlySet<string> HoldGroups { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The default: verify the triaged outputs.</summary>
    public static TextOptions Default { get; } = new();

    /// <summary>Rules only (`--text off`).</summary>
    public static TextOptions Off { get; } = new() { Mode = TextMode.Off };

    /// <summary>
    /// The ledger key: every setting here that changes an output (mode, triage, padding, when a file is held); the
    /// judge's lists add theirs (<see cref="ITextJudge.Key"/>). A file done under another text setting is done again.
    /// </summary>
    public string? Key => Mode == TextMode.Off ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"text={Mode.ToString().ToLowerInvariant()} triage=({Triage.Key}) padding={Padding} max-unknown-share={MaxUnknownShare} " +
        $"hold={string.Join(',', HoldGroups.Select(g => g.ToLowerInvariant()).Order(StringComparer.Ordinal))}");
}
