using System.Globalization;
using PixelScrub.Masks;

namespace PixelScrub.Rules.Ctp;

/// <summary>
/// Reads CTP scripts: a DicomPixelAnonymizer script (<c>{ expression } (x,y,w,h) ...</c> signatures with
/// free text between them, first match wins, no regions = leave the image alone) or a DicomFilter script
/// (one expression).
/// </summary>
internal static class CtpScriptParser
{
    public const string PixelGroup = "ctp";
    public const string FilterGroup = "ctp-filter";

    public static RuleFile ParseFilter(SourceText src)
    {
        var file = new RuleFile(src.File, RuleFormat.CtpFilter);
        var condition = CtpExpressionParser.Parse(src, 0, src.Text.Length, file.Diagnostics);
        if (condition is not null)
        {
            int first = 0;
            while (first < src.Text.Length && char.IsWhiteSpace(src.Text[first])) first++;
            var rule = new Rule(FilterGroup, Path.GetFileName(src.LabelSource), null, condition, [], src.File, src.Position(first).Line);
            file.GroupNamed(FilterGroup, RuleGroupKind.CtpFilter).Rules.Add(rule);
        }

        return file;
    }

    public static RuleFile ParsePixel(SourceText src)
    {
        var file = new RuleFile(src.File, RuleFormat.CtpPixel);
        var group = file.GroupNamed(PixelGroup, RuleGroupKind.CtpPixel);
        string text = src.Text;
        int pos = 0;
        string label = "";
        while (pos < text.Length)
        {
            int open = text.IndexOfAny(['{', '}'], pos);
            int freeEnd = open < 0 ? text.Length : open;
            label = LastTextLine(text, pos, freeEnd) ?? label;
            if (open < 0) break;
            if (text[open] == '}')
            {
                file.Diagnostics.Add(src.Diagnostic(RuleSeverity.Error, open, "'}' without a matching '{'"));
                pos = open + 1;
                continue;
            }

            int close = FindClose(src, open, file.Diagnostics);
            if (close < 0) break; // reported; nothing after an unclosed '{' can be trusted
            var condition = CtpExpressionParser.Parse(src, open + 1, close, file.Diagnostics);
            pos = close + 1;
            var regions = ParseRegions(src, ref pos, file.Diagnostics, out bool regionsOk);
            if (condition is not null && regionsOk)
            {
                var (line, _) = src.Position(open);
                group.Rules.Add(new Rule(PixelGroup, label.Length > 0 ? label : $"signature at line {line}", null, condition, regions, src.File, line));
            }
        }

        return file;
    }

    /// <summary>The closing brace of a signature, skipping quoted strings and // comments; -1 after an error.</summary>
    private static int FindClose(SourceText src, int open, List<RuleDiagnostic> diagnostics)
    {
        string text = src.Text;
        int i = open + 1;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                int q = text.IndexOf('"', i + 1);
                if (q < 0)
                {
                    diagnostics.Add(src.Diagnostic(RuleSeverity.Error, i, "unterminated string: no closing '\"'"));
                    return -1;
                }

                i = q + 1;
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }

            if (c == '}') return i;
            if (c == '{')
            {
                var (l, col) = src.Position(open);
                diagnostics.Add(src.Diagnostic(RuleSeverity.Error, i, $"'{{' inside the signature opened at {l}:{col}: expected '}}' first"));
                return -1;
            }

            i++;
        }

        diagnostics.Add(src.Diagnostic(RuleSeverity.Error, open, "'{' is never closed: expected '}'"));
        return -1;
    }

    // (x,y,w,h) groups separated by whitespace, right after the closing brace.
    private static List<RegionSpec> ParseRegions(SourceText src, ref int pos, List<RuleDiagnostic> diagnostics, out bool ok)
    {
        string text = src.Text;
        var regions = new List<RegionSpec>();
        ok = true;
        while (true)
        {
            int p = pos;
            while (p < text.Length && char.IsWhiteSpace(text[p])) p++;
            if (p >= text.Length || text[p] != '(') return regions;
            int close = text.IndexOf(')', p + 1);
            int lineEnd = text.IndexOf('\n', p + 1);
            if (close < 0 || (lineEnd >= 0 && lineEnd < close))
            {
                diagnostics.Add(src.Diagnostic(RuleSeverity.Error, p, "region '(' is not closed on its line: expected (x,y,w,h)"));
                ok = false;
                pos = lineEnd < 0 ? text.Length : lineEnd;
                return regions;
            }

            if (!TryParseFour(text.AsSpan(p + 1, close - p - 1), out int x, out int y, out int w, out int h))
            {
                diagnostics.Add(src.Diagnostic(RuleSeverity.Error, p + 1, $"malformed region '{text[p..(close + 1)]}': expected (x,y,w,h) with four integers"));
                ok = false;
            }
            else if (w < 0 || h < 0)
            {
                diagnostics.Add(src.Diagnostic(RuleSeverity.Error, p + 1, $"region '{text[p..(close + 1)]}' has a negative width or height"));
                ok = false;
            }
            else
            {
                regions.Add(new RegionSpec(MaskValue.Clean, RegionKind.CtpBox, x, y, w, h));
            }

            pos = close + 1;
        }
    }

    public static bool TryParseFour(ReadOnlySpan<char> body, out int a, out int b, out int c, out int d)
    {
        a = b = c = d = 0;
        Span<int> v = stackalloc int[4];
        int n = 0;
        foreach (var range in body.Split(','))
        {
            if (n == 4) return false;
            if (!int.TryParse(body[range].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v[n])) return false;
            n++;
        }

        if (n != 4) return false;
        (a, b, c, d) = (v[0], v[1], v[2], v[3]);
        return true;
    }

    /// <summary>The last line of free text in [start,end) with a letter or digit, trimmed; null when none.</summary>
    private static string? LastTextLine(string text, int start, int end)
    {
        int lineEnd = end;
        while (lineEnd > start)
        {
            int lineStart = text.LastIndexOf('\n', lineEnd - 1, lineEnd - start);
            lineStart = lineStart < 0 ? start : lineStart + 1;
            var line = text.AsSpan(lineStart, lineEnd - lineStart).Trim();
            foreach (char c in line)
            {
                if (char.IsLetterOrDigit(c)) return line.ToString();
            }

            lineEnd = lineStart - 1;
        }

        return null;
    }
}
