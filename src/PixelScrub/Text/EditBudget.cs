namespace PixelScrub.Text;

/// <summary>
/// How many edits (insertions, deletions, substitutions, counted after <see cref="TextFolding"/>, so O/0, I/1/l, S/5
/// and B/8 confusions and lost separators are free) a header value may differ by from recognised text and still match.
/// The budget grows with the value's length so that short values must match exactly: a four-letter name never matches
/// a different common word. README "What is PHI" has the table; tests pin each step.
/// </summary>
internal static class EditBudget
{
    /// <summary>Values shorter than this match only exactly, and only on word boundaries.</summary>
    public const int ApproximateFrom = 6;

    public static int For(ReadOnlySpan<char> skeleton)
    {
        int n = skeleton.Length;
        if (TextFolding.IsNumeric(skeleton))
        {
            // Digits carry less information per character and any run of digits is a plausible number.
            return n <= 6 ? 0 : n <= 10 ? 1 : 2;
        }

        return n < ApproximateFrom ? 0 : n <= 8 ? 1 : n <= 13 ? 2 : 3;
    }
}
