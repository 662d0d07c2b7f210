namespace PixelScrub.Rules;

/// <summary>
/// Several rule files in one text, as <c>rules show</c> writes them: each file is preceded by a marker line
/// <c>#@pixelscrub-rule-file FORMAT NAME</c> and keeps its own format. A text whose first non-blank line is a marker
/// is read back file by file, each in the format its marker names, with line numbers of the whole text.
/// </summary>
internal static class RuleBundle
{
    public const string Marker = "#@pixelscrub-rule-file";

    /// <summary>The marker line for one file (format, then the name it was loaded from).</summary>
    public static string MarkerLine(RuleFile file) => $"{Marker} {file.Format} {file.Path}";

    /// <summary>
    /// Splits a bundle into its files: each part's text keeps the bundle's line numbers (the lines before it are
    /// blank), so diagnostics point into the bundle. False when the text is not a bundle.
    /// </summary>
    public static bool TrySplit(string text, string bundleName, List<RuleDiagnostic> errors, out List<(RuleFormat Format, string Name, string Text)> parts)
    {
        parts = [];
        // Most rule files are not bundles: look at the first non-blank line before splitting the whole text.
        int start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (start == text.Length) return false;
        int lineStart = text.LastIndexOf('\n', start) + 1;
        int lineEnd = text.IndexOf('\n', start);
        if (!IsMarker(text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart))) return false;

        var lines = text.Split('\n');
        int first = 0;
        while (first < lines.Length && lines[first].Trim().Length == 0) first++;

        for (int i = first; i < lines.Length;)
        {
            int next = i + 1;
            while (next < lines.Length && !IsMarker(lines[next])) next++;
            var words = lines[i].Trim()[Marker.Length..].Trim();
            int space = words.IndexOf(' ');
            string formatText = space < 0 ? words : words[..space];
            string name = space < 0 ? "" : words[(space + 1)..].Trim();
            if (!Enum.TryParse<RuleFormat>(formatText, ignoreCase: false, out var format) || !Enum.IsDefined(format) || name.Length == 0)
            {
                errors.Add(new RuleDiagnostic(RuleSeverity.Error, bundleName, i + 1, Marker.Length + 2,
                    $"expected '{Marker} FORMAT NAME' with FORMAT one of {string.Join(", ", Enum.GetNames<RuleFormat>())}"));
            }
            else
            {
                // blank lines up to and including the marker keep line numbers those of the bundle
                parts.Add((format, name, new string('\n', i + 1) + string.Join('\n', lines[(i + 1)..next])));
            }

            i = next;
        }

        return true;
    }

    private static bool IsMarker(ReadOnlySpan<char> line) =>
        line.StartsWith(Marker, StringComparison.Ordinal) && (line.Length == Marker.Length || char.IsWhiteSpace(line[Marker.Length]));
}
