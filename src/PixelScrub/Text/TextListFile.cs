using System.Text.RegularExpressions;

namespace PixelScrub.Text;

/// <summary>
/// Reading of the judge's user files (allow-list, patterns, common words): UTF-8 text, one entry a line, '#' comments,
/// blank lines ignored; the built-in copies are embedded resources (<c>Text/Defaults/</c>). Errors carry file:line:column.
/// Regular expressions are compiled with <see cref="RegexOptions.NonBacktracking"/>: matching time is linear in the
/// input, so no pattern can blow up on a hostile line.
/// </summary>
internal static class TextListFile
{
    private const string ResourcePrefix = "PixelScrub.Text.Defaults.";

    /// <summary>The text of a built-in file (<c>allow.txt</c>, <c>patterns.txt</c>, <c>common-words.txt</c>).</summary>
    public static string BuiltIn(string name)
    {
        using var stream = typeof(TextListFile).Assembly.GetManifestResourceStream(ResourcePrefix + name)
                           ?? throw new InvalidOperationException($"built-in text list {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The entries of a list: (line number, column of the entry, entry text trimmed).</summary>
    public static IEnumerable<(int Line, int Column, string Entry)> Entries(string text)
    {
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r', ' ', '\t');
            int indent = 0;
            while (indent < line.Length && char.IsWhiteSpace(line[indent])) indent++;
            if (indent == line.Length || line[indent] == '#') continue;
            yield return (lineNo, indent + 1, line[indent..]);
        }
    }

    /// <summary>Compiles an expression for the judge, or throws a syntax error at file:line:column.</summary>
    public static Regex Compile(string pattern, bool wholeWord, string file, int line, int column)
    {
        try
        {
            var text = wholeWord ? $"^(?:{pattern})$" : pattern;
            return new Regex(text, RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new RuleSyntaxException($"bad regular expression '{pattern}': {ex.Message}", file, line, column, ex);
        }
    }
}
