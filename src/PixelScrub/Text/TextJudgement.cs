namespace PixelScrub.Text;

/// <summary>
/// The judge's verdicts on all text read from one file, with the word counts behind <see cref="CannotBeJudged"/>:
/// mostly unknown words (a scanned letter or form) means the text cannot be judged and the file needs a person.
/// </summary>
public sealed record TextJudgement(IReadOnlyList<TextFinding> Findings, int Words, int UnknownWords, bool CannotBeJudged)
{
    public bool HasPhi => Findings.Any(f => f.IsPhi);
}
