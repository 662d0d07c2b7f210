namespace PixelScrub.Text;

/// <summary>
/// The judge's engine for one line: header terms (exact on word boundaries when short, within the edit budget when
/// long), then patterns, then the allow-list for what is left. Linear in the line's length per term and per pattern
/// (bit-parallel matching, non-backtracking expressions); lines are bounded by <see cref="MaxLineLength"/>.
/// Thread-safe: holds only immutable lists.
/// </summary>
internal sealed class LineAnalyzer
{
    /// <summary>Longer lines are not read by OCR in practice; one is judged PHI as a whole (fail closed).</summary>
    public const int MaxLineLength = 1024;

    private readonly TextAllowList _allow;
    private readonly TextPatterns _patterns;
    private readonly HashSet<string> _common;

    public LineAnalyzer(TextAllowList allow, TextPatterns patterns, HashSet<string>? common = null)
    {
        _allow = allow;
        _patterns = patterns;
        _common = common ?? CommonWords.Default;
    }

    public HashSet<string> Common => _common;

    public LineAnalysis Analyze(string text, HeaderTerms terms)
    {
        var result = new LineAnalysis();
        if (text.Length > MaxLineLength)
        {
            result.Phi.Add(new PhiSpan(0, text.Length, "line-too-long", 0, false));
            return result;
        }

        // Skeleton of folded letters/digits with the text index of each, and where words (alnum runs) start and end.
        int n = text.Length;
        Span<char> skeleton = n <= 512 ? stackalloc char[n] : new char[n];
        Span<int> index = n <= 512 ? stackalloc int[n] : new int[n];
        Span<bool> runStart = n <= 512 ? stackalloc bool[n] : new bool[n];
        Span<bool> runEnd = n <= 512 ? stackalloc bool[n] : new bool[n];
        int len = 0;
        bool previousWasChar = false;
        for (int i = 0; i < n; i++)
        {
            char f = TextFolding.Fold(text[i]);
            if (f == '\0')
            {
                if (previousWasChar) runEnd[len - 1] = true;
                previousWasChar = false;
                continue;
            }

            runStart[len] = !previousWasChar || IsLetterDigitBoundary(text, i);
            if (runStart[len] && len > 0) runEnd[len - 1] = true;
            skeleton[len] = f;
            index[len] = i;
            len++;
            previousWasChar = true;
        }

        if (len > 0) runEnd[len - 1] = true;
        var sk = skeleton[..len];

        foreach (var term in terms.Terms) MatchTerm(term, text, sk, index, runStart, runEnd, result);
        if (_patterns.Count > 0) MatchPatterns(text, result);
        JudgeWords(text, result);
        return result;
    }

    /// <summary>Letters next to digits start a new word for short terms ("DOE12345": DOE is a word).</summary>
    private static bool IsLetterDigitBoundary(string text, int i)
    {
        if (i == 0) return true;
        char a = text[i - 1], b = text[i];
        return char.IsDigit(a) != char.IsDigit(b);
    }

    private void MatchTerm(HeaderTerm term, string text, ReadOnlySpan<char> sk, ReadOnlySpan<int> index,
        ReadOnlySpan<bool> runStart, ReadOnlySpan<bool> runEnd, LineAnalysis result)
    {
        var t = term.Skeleton.AsSpan();
        if (term.Budget == 0)
        {
            int from = 0;
            while (from <= sk.Length - t.Length)
            {
                int at = sk[from..].IndexOf(t);
                if (at < 0) return;
                at += from;
                int last = at + t.Length - 1;
                bool whole = runStart[at] && runEnd[last];
                if (whole || (!term.Bounded && !OnlyCommonWords(text, index[at], index[last] + 1)))
                {
                    result.Phi.Add(new PhiSpan(index[at], index[last] + 1, term.Field, 0, true));
                    return;
                }

                from = at + 1;
            }

            return;
        }

        if (!term.Matcher!.TryFind(sk, out int edits, out int end)) return;
        int startSk = Math.Max(0, end - t.Length);
        int start = index[startSk], stop = index[end - 1] + 1;
        // An approximate match, or one inside a longer word, never stands on common words alone ("CENTER" is not
        // "CARTER" misread, "MEDICAL" does not hold the name "MEDICA"). A value of digits is not held back by them: its
        // budget starts at seven digits (EditBudget), and its words are numbers the allow-list keeps ("2619/01/04", a
        // date with one digit misread, is three allowed numbers, and is the study date).
        bool exactWhole = edits == 0 && runStart[startSk] && runEnd[end - 1];
        if (!exactWhole && !TextFolding.IsNumeric(t) && OnlyCommonWords(text, start, stop)) return;
        result.Phi.Add(new PhiSpan(start, stop, term.Field, edits, true));
    }

    private bool OnlyCommonWords(string text, int start, int stop)
    {
        // Widen to whole words, then require every word to be common or allowed.
        while (start > 0 && TextFolding.Fold(text[start - 1]) != '\0') start--;
        while (stop < text.Length && TextFolding.Fold(text[stop]) != '\0') stop++;
        foreach (var word in text[start..stop].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = Trim(word);
            if (trimmed.Length == 0) continue;
            if (!_common.Contains(TextFolding.Skeleton(trimmed)) && !_allow.IsAllowed(trimmed)) return false;
        }

        return true;
    }

    private void MatchPatterns(string text, LineAnalysis result)
    {
        var folded = DigitFold(text);
        foreach (var (name, regex) in _patterns.Patterns)
        {
            // IsMatch runs only the DFA; the match position is wanted for the rare line that has one.
            if (!regex.IsMatch(folded)) continue;
            var m = regex.Match(folded);
            if (m.Success) result.Phi.Add(new PhiSpan(m.Index, m.Index + m.Length, "pattern:" + name, 0, false));
        }
    }

    /// <summary>
    /// The line upper-cased, with OCR confusions folded to digits inside runs of letters and digits that hold a digit
    /// and no more letters than digits ("O1/3l/197O" -> "01/31/1970"); same length as the input, so indexes carry over.
    /// </summary>
    internal static string DigitFold(string text)
    {
        var chars = text.ToUpperInvariant().ToCharArray();
        int i = 0;
        while (i < chars.Length)
        {
            if (!char.IsLetterOrDigit(chars[i]))
            {
                i++;
                continue;
            }

            int j = i, digits = 0, letters = 0;
            while (j < chars.Length && char.IsLetterOrDigit(chars[j]))
            {
                if (char.IsDigit(chars[j])) digits++;
                else letters++;
                j++;
            }

            if (digits > 0 && letters <= digits)
            {
                for (int k = i; k < j; k++)
                {
                    char c = TextFolding.Confusion(chars[k]);
                    if (c is >= '0' and <= '9') chars[k] = c;
                }
            }

            i = j;
        }

        return new string(chars);
    }

    private void JudgeWords(string text, LineAnalysis result)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            if (i == start) break;
            int s = start, e = i;
            while (s < e && IsEdgePunctuation(text[s])) s++;
            while (e > s && (IsEdgePunctuation(text[e - 1]) || text[e - 1] is '-' or '/')) e--;
            if (s == e) continue; // punctuation only
            var word = text[s..e];
            int letters = 0;
            foreach (char c in word)
            {
                if (char.IsLetter(c)) letters++;
            }

            bool inPhi = false;
            foreach (var span in result.Phi)
            {
                if (span.Start < e && s < span.End) inPhi = true;
            }

            bool allowed = !inPhi && (_allow.IsAllowed(word) || (HasDigit(word) && _allow.IsAllowed(DigitFold(word))));
            result.Words.Add((s, e, allowed, letters >= 2));
            if (allowed) result.AllowedWords++;
            else if (!inPhi && letters >= 2) result.UnknownWords++;
        }
    }

    private static bool HasDigit(string s)
    {
        foreach (char c in s)
        {
            if (char.IsDigit(c)) return true;
        }

        return false;
    }

    private static bool IsEdgePunctuation(char c) => c is ',' or ';' or ':' or '(' or ')' or '[' or ']' or '{' or '}' or '"' or '\'' or '.' or '^' or '=' or '*';

    private static string Trim(string word)
    {
        int s = 0, e = word.Length;
        while (s < e && IsEdgePunctuation(word[s])) s++;
        while (e > s && IsEdgePunctuation(word[e - 1])) e--;
        return word[s..e];
    }
}
