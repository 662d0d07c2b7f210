namespace PixelScrub.Text;

/// <summary>Settings of <see cref="PhiJudge"/>: the lists it reads and when a file's text "cannot be judged".</summary>
public sealed record TextJudgeOptions
{
    /// <summary>Harmless annotations kept in the image (<c>--text-allow FILE</c>; default: the built-in list).</summary>
    public TextAllowList Allow { get; init; } = TextAllowList.Default;

    /// <summary>PHI patterns that need no header (<c>--text-patterns FILE</c>; default: the built-in set).</summary>
    public TextPatterns Patterns { get; init; } = TextPatterns.Default;

    /// <summary>A file with fewer unknown words than this can always be judged.</summary>
    public int MinUnknownWords { get; init; } = 12;

    /// <summary>
    /// A file whose unknown words are at least this share of its words (and at least <see cref="MinUnknownWords"/>)
    /// cannot be judged: prose, a scanned letter or form, where names need not match the header.
    /// </summary>
    public double MaxUnknownShare { get; init; } = 0.5;
}
