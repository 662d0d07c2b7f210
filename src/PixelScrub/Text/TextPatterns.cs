using System.Text.RegularExpressions;

namespace PixelScrub.Text;

/// <summary>
/// Patterns that make text PHI without looking at the header (dates, times, long digit runs, labels followed by a
/// value). File format: one pattern a line, <c>NAME REGEX</c> (see <c>Text/Defaults/patterns.txt</c>, the built-in set).
/// </summary>
public sealed class TextPatterns
{
    private TextPatterns(IReadOnlyList<(string Name, Regex Regex)> patterns, string sha256)
    {
        Patterns = patterns;
        Sha256 = sha256;
    }

    /// <summary>The SHA-256 of the file's text: what the resume ledger keys it by.</summary>
    public string Sha256 { get; }

    internal IReadOnlyList<(string Name, Regex Regex)> Patterns { get; }

    /// <summary>The built-in patterns.</summary>
    public static TextPatterns Default { get; } = Parse(TextListFile.BuiltIn("patterns.txt"), "built-in patterns.txt");

    /// <summary>Reads a pattern file; a syntax error throws <see cref="RuleSyntaxException"/> with file:line:column.</summary>
    public static TextPatterns Load(string path) => Parse(UserFile.PatternFile.Read(path), path);

    public static TextPatterns Parse(string text, string file)
    {
        var list = new List<(string, Regex)>();
        int count = 0;
        foreach (var (line, column, entry) in TextListFile.Entries(text))
        {
            UserFile.PatternFile.CheckEntries(file, ++count, line);
            int space = entry.IndexOfAny([' ', '\t']);
            if (space < 0) throw new RuleSyntaxException($"expected 'NAME REGEX', found only '{entry}'", file, line, column);
            string name = entry[..space];
            int at = space;
            while (at < entry.Length && char.IsWhiteSpace(entry[at])) at++;
            list.Add((name, TextListFile.Compile(entry[at..], wholeWord: false, file, line, column + at)));
        }

        return new TextPatterns(list, Pipeline.Ledger.Sha256OfText(text));
    }

    public int Count => Patterns.Count;
}
