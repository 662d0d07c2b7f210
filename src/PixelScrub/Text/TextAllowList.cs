using System.Text.RegularExpressions;

namespace PixelScrub.Text;

/// <summary>
/// Harmless annotations that stay in the image: acoustic output and settings, units, markers, probe names, numbers.
/// File format: one entry a line, a WORD or <c>re: PATTERN</c> (a whole-word regular expression); see
/// <c>Text/Defaults/allow.txt</c>, the built-in list. Words compare case-insensitively and through the OCR
/// confusion classes of <see cref="TextFolding"/>.
/// </summary>
public sealed class TextAllowList
{
    private readonly HashSet<string> _words;
    private readonly Regex[] _patterns;

    private TextAllowList(HashSet<string> words, Regex[] patterns, string sha256)
    {
        _words = words;
        _patterns = patterns;
        Sha256 = sha256;
    }

    /// <summary>The SHA-256 of the list's text: what the resume ledger keys it by.</summary>
    public string Sha256 { get; }

    /// <summary>The built-in allow-list.</summary>
    public static TextAllowList Default { get; } = Parse(TextListFile.BuiltIn("allow.txt"), "built-in allow.txt");

    /// <summary>An allow-list that allows nothing but plain numbers.</summary>
    public static TextAllowList Empty { get; } = new([], [], Pipeline.Ledger.Sha256OfText(""));

    /// <summary>Reads an allow-list file; a syntax error throws <see cref="RuleSyntaxException"/> with file:line:column.</summary>
    public static TextAllowList Load(string path) => Parse(UserFile.AllowList.Read(path), path);

    public static TextAllowList Parse(string text, string file)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var patterns = new List<Regex>();
        int count = 0;
        foreach (var (line, column, entry) in TextListFile.Entries(text))
        {
            UserFile.AllowList.CheckEntries(file, ++count, line);
            if (entry.StartsWith("re:", StringComparison.OrdinalIgnoreCase))
            {
                int at = 3;
                while (at < entry.Length && char.IsWhiteSpace(entry[at])) at++;
                if (at == entry.Length) throw new RuleSyntaxException("'re:' needs a regular expression", file, line, column + at);
                patterns.Add(TextListFile.Compile(entry[at..], wholeWord: true, file, line, column + at));
                continue;
            }

            if (entry.AsSpan().IndexOfAny(' ', '\t') >= 0)
            {
                throw new RuleSyntaxException($"an allow-list entry is one word; found '{entry}' (use 're:' for a pattern)", file, line, column);
            }

            words.Add(Key(entry));
        }

        return new TextAllowList(words, [.. patterns], Pipeline.Ledger.Sha256OfText(text));
    }

    public int Count => _words.Count + _patterns.Length;

    /// <summary>The comparison key of a word: upper case, accents dropped, confusion classes folded, punctuation kept.</summary>
    private static string Key(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        for (int i = 0; i < word.Length; i++)
        {
            char u = TextFolding.Upper(word[i]);
            buffer[i] = u == '\0' ? word[i] : TextFolding.Confusion(u);
        }

        return new string(buffer);
    }

    /// <summary>
    /// True when a word (already trimmed of surrounding punctuation) is allowed: a number, a listed word, a listed word
    /// with a number glued before or after it ("4.0MHz", "MI0.8"), or a whole-word pattern.
    /// </summary>
    internal bool IsAllowed(string word)
    {
        if (word.Length == 0) return true;
        if (IsNumber(word)) return true;
        if (_words.Contains(Key(word))) return true;
        foreach (var p in _patterns)
        {
            if (p.IsMatch(word)) return true;
        }

        // A number glued to a listed word, on either side ("4.0MHz", "MI0.8", "TISO.0" with O read for 0).
        int i = 0;
        while (i < word.Length && IsNumberLike(word, i, forward: true)) i++;
        if (i > 0 && i < word.Length && HasDigit(word.AsSpan(0, i)) && _words.Contains(Key(word.AsSpan(i)))) return true;
        int j = word.Length;
        while (j > 0 && IsNumberLike(word, j - 1, forward: false)) j--;
        if (j < word.Length && j > 0 && HasDigit(word.AsSpan(j)) && _words.Contains(Key(word.AsSpan(0, j)))) return true;

        // Settings written together: "20dB/DR60", "cm/s".
        if (word.Contains('/', StringComparison.Ordinal))
        {
            var parts = word.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 1 && parts.All(IsAllowed);
        }

        return false;
    }

    /// <summary>
    /// A character of a number: a digit, sign or decimal point, or a letter OCR reads for a digit (O, I, l, S, B) when the
    /// number goes on past it (so "TISO.0" splits as "TIS" + "O.0", but "MHz" stays whole).
    /// </summary>
    private static bool IsNumberLike(string word, int at, bool forward)
    {
        char c = word[at];
        if (IsNumberChar(c)) return true;
        char f = TextFolding.Confusion(TextFolding.Upper(c));
        if (f is < '0' or > '9') return false;
        int next = forward ? at - 1 : at + 1;
        return next >= 0 && next < word.Length && IsNumberChar(word[next]) && word[next] is not ('-' or '+');
    }

    private static bool IsNumberChar(char c) => c is (>= '0' and <= '9') or '.' or ',' or '-' or '+';

    private static bool HasDigit(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c is >= '0' and <= '9') return true;
        }

        return false;
    }

    /// <summary>A plain number: optional sign, digits, an optional decimal part, an optional trailing '%'.</summary>
    private static bool IsNumber(string word)
    {
        var s = word.AsSpan();
        if (s.Length > 0 && s[^1] == '%') s = s[..^1];
        if (s.Length > 0 && s[0] is '+' or '-') s = s[1..];
        if (s.IsEmpty) return false;
        bool digits = false, point = false;
        foreach (char c in s)
        {
            if (c is >= '0' and <= '9') digits = true;
            else if (c is '.' or ',' && !point) point = true;
            else return false;
        }

        return digits;
    }
}
