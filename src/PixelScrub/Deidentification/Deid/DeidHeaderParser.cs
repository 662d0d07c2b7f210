using System.Globalization;
using System.Text.RegularExpressions;
using PixelScrub.Dicom;
using PixelScrub.Rules;

namespace PixelScrub.Deidentification.Deid;

/// <summary>
/// Reads the header part of a deid recipe: <c>%header</c> lines <c>ACTION FIELD [VALUE]</c> (ADD, BLANK, JITTER, KEEP,
/// REMOVE, REPLACE), and the <c>%values NAME</c> / <c>%fields NAME</c> lists (<c>FIELD selector</c>,
/// <c>SPLIT selector by="^";minlength=4</c>). Field expressions: <c>all</c>, <c>startswith:</c>, <c>endswith:</c>,
/// <c>contains:</c>, <c>except:</c>, <c>values:</c>, <c>fields:</c>, tag numbers, private creator syntax
/// <c>(gggg,"CREATOR",ee)</c>, keywords. Values: text, <c>var:NAME</c>; <c>func:</c> and <c>deid_func:</c> name Python
/// code and are refused. %filter sections (pixel rules) and FORMAT are left to the pixel rule parser. Every problem is a
/// diagnostic with file:line:column.
/// </summary>
internal static class DeidHeaderParser
{
    private static readonly Regex PrivateCreatorSyntax = new(@"^\(?([0-9A-Fa-f]{4}),""([^""]*)"",([0-9A-Fa-f]{2})\)?$", RegexOptions.CultureInvariant);
    private static readonly Regex TagSyntax = new(@"^\(?([0-9A-Fa-f]{4}),\s?([0-9A-Fa-f]{4})\)?$|^([0-9A-Fa-f]{8})$", RegexOptions.CultureInvariant);

    public static (DeidHeaderRecipe Recipe, IReadOnlyList<RuleDiagnostic> Diagnostics) Parse(string path, string text)
    {
        var diags = new List<RuleDiagnostic>();
        var actions = new List<DeidAction>();
        var values = new Dictionary<string, IReadOnlyList<DeidListEntry>>(StringComparer.Ordinal);
        var fields = new Dictionary<string, IReadOnlyList<DeidListEntry>>(StringComparer.Ordinal);
        var references = new List<(DeidSelector Selector, int Line, int Column)>();
        string? section = null;
        List<DeidListEntry>? list = null;
        var lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            int lineNo = n + 1;
            var raw = lines[n].TrimEnd('\r', ' ', '\t');
            int indent = 0;
            while (indent < raw.Length && char.IsWhiteSpace(raw[indent])) indent++;
            var line = raw[indent..];
            if (line.Length == 0 || line[0] == '#') continue;
            void Error(int col, string message) => diags.Add(new RuleDiagnostic(RuleSeverity.Error, path, lineNo, col, message));
            void Warn(int col, string message) => diags.Add(new RuleDiagnostic(RuleSeverity.Warning, path, lineNo, col, message));

            if (line[0] == '%')
            {
                var body = line[1..].Trim();
                int sp = body.IndexOfAny([' ', '\t']);
                section = (sp < 0 ? body : body[..sp]).ToLowerInvariant();
                string name = sp < 0 ? "" : body[(sp + 1)..].Trim();
                list = null;
                if (section is "values" or "fields")
                {
                    var target = section == "values" ? values : fields;
                    if (name.Length == 0) Error(indent + 1, $"%{section} needs a name, e.g. '%{section} cookie_names'");
                    else if (target.ContainsKey(name)) Error(indent + 2 + section.Length, $"%{section} {name} is defined twice");
                    else target[name] = list = [];
                }

                continue;
            }

            if (section == "header")
            {
                var a = ParseAction(line, indent + 1, path, Error, Warn);
                if (a is null) continue;
                actions.Add(a with { Line = lineNo });
                if (a.Selector.Kind is DeidSelectorKind.Values or DeidSelectorKind.Fields) references.Add((a.Selector, lineNo, a.Column));
            }
            else if (section is "values" or "fields" && list is not null)
            {
                var entry = ParseListEntry(line, indent + 1, section == "values", Error, Warn);
                if (entry is not null) list.Add(entry);
            }
        }

        foreach (var (selector, line, col) in references)
        {
            var target = selector.Kind == DeidSelectorKind.Values ? values : fields;
            if (!target.ContainsKey(selector.ListName))
            {
                diags.Add(new RuleDiagnostic(RuleSeverity.Error, path, line, col,
                    $"{selector.Text}: no %{(selector.Kind == DeidSelectorKind.Values ? "values" : "fields")} {selector.ListName} in this recipe"));
            }
        }

        diags.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return (new DeidHeaderRecipe(path, actions, values, fields), diags);
    }

    private static DeidAction? ParseAction(string line, int col, string path, Action<int, string> error, Action<int, string> warn)
    {
        int i = 0;
        while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
        var word = line[..i];
        DeidActionKind kind;
        switch (word.ToUpperInvariant())
        {
            case "ADD": kind = DeidActionKind.Add; break;
            case "BLANK": kind = DeidActionKind.Blank; break;
            case "JITTER": kind = DeidActionKind.Jitter; break;
            case "KEEP": kind = DeidActionKind.Keep; break;
            case "REMOVE": kind = DeidActionKind.Remove; break;
            case "REPLACE": kind = DeidActionKind.Replace; break;
            default:
                error(col, $"unknown action '{word}': expected ADD, BLANK, JITTER, KEEP, REMOVE or REPLACE");
                return null;
        }

        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        int fieldStart = i;
        if (i >= line.Length)
        {
            error(col + i, $"{word} needs a field");
            return null;
        }

        int fieldEnd = FieldEnd(line, i);
        var fieldText = line[fieldStart..fieldEnd];
        var selector = ParseSelector(fieldText, col + fieldStart, error, warn);
        if (selector is null) return null;

        i = fieldEnd;
        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        int valueCol = col + i;
        var valueText = line[i..].Trim();
        DeidValue? value = null;
        if (valueText.Length > 0)
        {
            int colon = valueText.IndexOf(':');
            var prefix = colon < 0 ? "" : valueText[..colon].ToLowerInvariant();
            if (prefix is "func" or "deid_func")
            {
                error(valueCol, $"'{valueText}' names Python code ({prefix}:), which PixelScrub cannot run; use a literal value or var:NAME");
                return null;
            }

            if (prefix == "var")
            {
                var name = valueText[(colon + 1)..].Trim();
                if (name.Length == 0)
                {
                    error(valueCol, "var: needs a name, e.g. var:id (given with --param id=VALUE)");
                    return null;
                }

                value = new DeidValue(valueText, name);
            }
            else
            {
                value = new DeidValue(valueText, null);
            }
        }

        switch (kind)
        {
            case DeidActionKind.Add or DeidActionKind.Replace or DeidActionKind.Jitter when value is null:
                error(col + fieldEnd, $"{word} needs a value after the field");
                return null;
            case DeidActionKind.Blank or DeidActionKind.Keep or DeidActionKind.Remove when value is not null:
                error(valueCol, $"{word} takes no value (deid gives REMOVE a value only for func: conditions)");
                return null;
            case DeidActionKind.Add when selector.Kind != DeidSelectorKind.Exact || selector.Tag is not uint t || (t >> 16 & 1) == 1:
                error(col + fieldStart, $"ADD needs a standard keyword or tag number, not '{fieldText}'");
                return null;
            case DeidActionKind.Jitter when value!.Variable is null && !int.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                error(valueCol, $"JITTER needs a whole number of days, not '{value.Text}'");
                return null;
        }

        return new DeidAction(kind, selector, value, 0, col + fieldStart);
    }

    /// <summary>The end of a field expression: whitespace, except inside quotes or a tag's parentheses ("(0010, 0010)").</summary>
    private static int FieldEnd(string line, int start)
    {
        int i = start;
        bool quoted = false;
        bool paren = line[start] == '(' && line.IndexOf(')', start) > 0;
        while (i < line.Length && (quoted || paren || !char.IsWhiteSpace(line[i])))
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == ')' && !quoted) paren = false;
            i++;
        }

        return i;
    }

    private static DeidListEntry? ParseListEntry(string line, int col, bool isValues, Action<int, string> error, Action<int, string> warn)
    {
        int i = 0;
        while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
        var word = line[..i].ToUpperInvariant();
        if (word != "FIELD" && !(word == "SPLIT" && isValues))
        {
            error(col, isValues ? $"unknown list action '{line[..i]}': expected FIELD or SPLIT" : $"unknown list action '{line[..i]}': a %fields list takes FIELD");
            return null;
        }

        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        if (i >= line.Length)
        {
            error(col + i, $"{word} needs a field");
            return null;
        }

        int end = FieldEnd(line, i);
        var selector = ParseSelector(line[i..end], col + i, error, warn);
        if (selector is null) return null;
        if (selector.Kind is DeidSelectorKind.Values or DeidSelectorKind.Fields)
        {
            error(col + i, "a list cannot be built from another list");
            return null;
        }

        var rest = line[end..].Trim();
        int restCol = col + line.IndexOf(rest, end, StringComparison.Ordinal);
        if (word == "FIELD")
        {
            if (rest.Length > 0) error(restCol, "FIELD takes no parameters");
            return new DeidListEntry(false, selector);
        }

        string by = " ";
        int minLength = 1;
        if (rest.Length > 0)
        {
            foreach (var part in rest.Split(';'))
            {
                int eq = part.IndexOf('=');
                var name = eq < 0 ? part.Trim() : part[..eq].Trim();
                var val = eq < 0 ? "" : part[(eq + 1)..].Trim();
                if (name == "by" && eq > 0) by = val.Trim('\'', '"');
                else if (name == "minlength" && int.TryParse(val, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) minLength = m;
                else
                {
                    error(restCol, $"SPLIT parameter '{part.Trim()}': expected by=\"X\" or minlength=N, separated by ';'");
                    return null;
                }
            }
        }

        if (by.Length == 0)
        {
            error(restCol, "SPLIT by= needs a separator");
            return null;
        }

        return new DeidListEntry(true, selector, by, minLength);
    }

    private static DeidSelector? ParseSelector(string text, int col, Action<int, string> error, Action<int, string> warn)
    {
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase)) return new DeidSelector(DeidSelectorKind.All, text);
        var pc = PrivateCreatorSyntax.Match(text);
        if (pc.Success)
        {
            var group = ushort.Parse(pc.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if ((group & 1) == 0)
            {
                error(col, $"'{text}': private creator syntax needs an odd (private) group");
                return null;
            }

            return new DeidSelector(DeidSelectorKind.PrivateCreator, text)
            {
                Group = group,
                Creator = pc.Groups[2].Value,
                Element = byte.Parse(pc.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            };
        }

        var tm = TagSyntax.Match(text);
        if (tm.Success)
        {
            var hex = tm.Groups[3].Success ? tm.Groups[3].Value : tm.Groups[1].Value + tm.Groups[2].Value;
            return new DeidSelector(DeidSelectorKind.Exact, text) { Tag = uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) };
        }

        int colon = text.IndexOf(':');
        if (colon >= 0)
        {
            var expander = text[..colon].ToLowerInvariant();
            var expression = text[(colon + 1)..];
            if (expression.Length == 0)
            {
                error(col + colon + 1, $"'{text}' needs an expression after '{text[..(colon + 1)]}'");
                return null;
            }

            switch (expander)
            {
                case "values": return new DeidSelector(DeidSelectorKind.Values, text) { ListName = expression };
                case "fields": return new DeidSelector(DeidSelectorKind.Fields, text) { ListName = expression };
                case "startswith" or "endswith" or "contains" or "except":
                    var lower = expression.ToLowerInvariant();
                    var pattern = expander switch { "startswith" => $"^({lower})", "endswith" => $"({lower})$", _ => lower };
                    Regex regex;
                    try
                    {
                        regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException ex)
                    {
                        error(col + colon + 1, $"'{expression}' is not a valid regular expression: {ex.Message}");
                        return null;
                    }

                    var kind = expander switch
                    {
                        "startswith" => DeidSelectorKind.StartsWith,
                        "endswith" => DeidSelectorKind.EndsWith,
                        "contains" => DeidSelectorKind.Contains,
                        _ => DeidSelectorKind.Except,
                    };
                    return new DeidSelector(kind, text) { Pattern = regex };
                default:
                    error(col, $"unknown field expression '{text[..(colon + 1)]}': expected startswith:, endswith:, contains:, except:, values: or fields:");
                    return null;
            }
        }

        uint? tag = DicomDictionary.TryGetTag(text, out var t) ? t.Value : null;
        if (tag is null && !text.Contains("__", StringComparison.Ordinal))
        {
            warn(col, $"'{text}' is not a DICOM keyword: it matches no field");
        }

        return new DeidSelector(DeidSelectorKind.Exact, text) { Tag = tag };
    }
}
