namespace PixelScrub.Text;

/// <summary>
/// Finds a term inside a text within an edit distance, in one pass over the text: Myers' bit-parallel algorithm
/// (J. ACM 46(3), 1999) in its "search" form, where a match may start anywhere. Terms are at most 64 characters
/// (one machine word); longer header values are cut to their first 64 folded characters by the caller. The text is
/// a skeleton of folded characters (<see cref="TextFolding"/>), so the alphabet is small.
/// </summary>
internal sealed class ApproximateMatcher
{
    public const int MaxTermLength = 64;

    private readonly ulong[] _ascii = new ulong[128];
    private readonly Dictionary<char, ulong>? _other;
    private readonly int _m;
    private readonly ulong _high;

    public ApproximateMatcher(string term, int maxEdits)
    {
        if (term.Length is 0 or > MaxTermLength) throw new ArgumentOutOfRangeException(nameof(term));
        Term = term;
        MaxEdits = maxEdits;
        _m = term.Length;
        _high = 1UL << (_m - 1);
        for (int i = 0; i < term.Length; i++)
        {
            char c = term[i];
            if (c < 128)
            {
                _ascii[c] |= 1UL << i;
                continue;
            }

            _other ??= [];
            _other.TryGetValue(c, out ulong bits);
            _other[c] = bits | (1UL << i);
        }
    }

    public string Term { get; }
    public int MaxEdits { get; }

    /// <summary>
    /// The best match: the fewest edits of the term against any substring of <paramref name="text"/>, and where that
    /// substring ends (exclusive). False when no substring is within <see cref="MaxEdits"/>.
    /// </summary>
    public bool TryFind(ReadOnlySpan<char> text, out int edits, out int end)
    {
        ulong pv = _m == 64 ? ulong.MaxValue : (1UL << _m) - 1, mv = 0;
        int score = _m;
        edits = int.MaxValue;
        end = -1;
        for (int j = 0; j < text.Length; j++)
        {
            char c = text[j];
            ulong eq = c < 128 ? _ascii[c] : _other is not null && _other.TryGetValue(c, out ulong o) ? o : 0;
            ulong xv = eq | mv;
            ulong xh = (((eq & pv) + pv) ^ pv) | eq;
            ulong ph = mv | ~(xh | pv);
            ulong mh = pv & xh;
            if ((ph & _high) != 0) score++;
            else if ((mh & _high) != 0) score--;
            // Search form: the top row is all zeros (a match may start anywhere), so no carry in from row 0.
            ph <<= 1;
            mh <<= 1;
            pv = mh | ~(xv | ph);
            mv = ph & xv;
            if (score < edits)
            {
                edits = score;
                end = j + 1;
                if (edits == 0) break;
            }
        }

        return edits <= MaxEdits;
    }
}
