namespace PixelScrub.Text;

/// <summary>
/// What the judge made of one line of text: the PHI spans (empty when none), and each word with whether it is
/// allowed. A word is a run between spaces, trimmed of surrounding punctuation.
/// </summary>
internal sealed class LineAnalysis
{
    public List<PhiSpan> Phi { get; } = [];

    public List<(int Start, int End, bool Allowed, bool Alphabetic)> Words { get; } = [];

    public bool IsPhi => Phi.Count > 0;

    /// <summary>Words that are neither allowed nor inside a PHI span and hold at least two letters.</summary>
    public int UnknownWords { get; set; }

    public int AllowedWords { get; set; }

    public TextVerdictKind Kind => IsPhi ? TextVerdictKind.Phi : UnknownWords == 0 && AllowedWords > 0 ? TextVerdictKind.Allowed : TextVerdictKind.Unknown;

    /// <summary>The strongest PHI span: a header match before a pattern, fewer edits first.</summary>
    public PhiSpan Best()
    {
        var best = Phi[0];
        foreach (var s in Phi)
        {
            if ((s.FromHeader && !best.FromHeader) || (s.FromHeader == best.FromHeader && s.Edits < best.Edits)) best = s;
        }

        return best;
    }
}
