using System.Globalization;
using System.Text.RegularExpressions;
using PixelScrub.Masks;
using PixelScrub.Rules.Ctp;

namespace PixelScrub.Rules.Deid;

/// <summary>
/// Reads a deid recipe: <c>FORMAT dicom</c>, <c>%filter name</c> sections of <c>LABEL name # note</c> blocks
/// (criteria lines and coordinate lines), and %header / %values / %fields sections, which are kept unapplied.
/// Criteria follow deid: within a line and across the lines of a LABEL, operators apply left to right
/// without precedence; a line with no leading operator after the first ANDs; a line starting with "||" ORs
/// (deid's documented intent; its code ANDs it, see docs/compatibility.md).
/// </summary>
internal sealed class DeidRecipeParser
{
    private static readonly string[] Sections = ["filter", "header", "values", "fields"];
    private static readonly (string Word, DeidCriterion Criterion)[] Criteria =
    [
        ("contains", DeidCriterion.Contains), ("notcontains", DeidCriterion.NotContains),
        ("equals", DeidCriterion.Equals), ("notequals", DeidCriterion.NotEquals),
        ("missing", DeidCriterion.Missing), ("present", DeidCriterion.Present), ("empty", DeidCriterion.Empty),
    ];

    // Longest first so "ctpkeepcoordinates" is not read as "ctp" + something.
    private static readonly (string Word, MaskValue Value, bool Ctp)[] CoordinateWords =
    [
        ("ctpkeepcoordinates", MaskValue.Keep, true), ("ctpcoordinates", MaskValue.Clean, true),
        ("keepcoordinates", MaskValue.Keep, false), ("coordinates", MaskValue.Clean, false),
    ];

    private readonly SourceText _src;
    private readonly RuleFile _file;
    private string? _section;
    private string? _sectionName;
    private LabelBuilder? _label;
    private (string Kind, string? Name, int Line, List<(int, string)> Lines)? _unapplied;

    private DeidRecipeParser(SourceText src)
    {
        _src = src;
        _file = new RuleFile(src.File, RuleFormat.Deid);
    }

    private sealed class LabelBuilder(string group, string name, string? note, int line)
    {
        public string Group { get; } = group;
        public string Name { get; } = name;
        public string? Note { get; } = note;
        public int Line { get; } = line;
        public List<Condition> Lines { get; } = [];
        public List<bool> LineIsOr { get; } = [];
        public List<RegionSpec> Regions { get; } = [];
    }

    public static RuleFile Parse(SourceText src)
    {
        var p = new DeidRecipeParser(src);
        p.Run();
        return p._file;
    }

    private void Run()
    {
        string text = _src.Text;
        int lineNo = 0;
        int offset = 0;
        while (offset <= text.Length)
        {
            int nl = text.IndexOf('\n', offset);
            int end = nl < 0 ? text.Length : nl;
            lineNo++;
            ProcessLine(offset, text.AsSpan(offset, end - offset), lineNo);
            if (nl < 0) break;
            offset = nl + 1;
        }

        FinishLabel();
        FinishUnapplied();
    }

    private void ProcessLine(int lineOffset, ReadOnlySpan<char> raw, int lineNo)
    {
        var line = raw.TrimEnd();
        int indent = 0;
        while (indent < line.Length && char.IsWhiteSpace(line[indent])) indent++;
        line = line[indent..];
        int at = lineOffset + indent;
        if (line.IsEmpty || line[0] == '#') return;

        if (_unapplied is { } u && line[0] != '%')
        {
            u.Lines.Add((lineNo, line.ToString()));
            return;
        }

        if (StartsWithWord(line, "FORMAT"))
        {
            FinishLabel();
            var fmtAt = at + 6;
            var fmt = StripComment(SkipSpace(ref fmtAt, line[6..])).Trim();
            if (!fmt.Equals("dicom", StringComparison.OrdinalIgnoreCase))
            {
                Error(fmtAt, fmt.IsEmpty ? "FORMAT needs a value: expected 'FORMAT dicom'" : $"unsupported FORMAT '{fmt}': PixelScrub reads 'FORMAT dicom' recipes");
            }

            return;
        }

        if (line[0] == '%')
        {
            FinishLabel();
            FinishUnapplied();
            var body = StripComment(line[1..]).Trim();
            int space = body.IndexOfAny(' ', '\t');
            string section = (space < 0 ? body : body[..space]).ToString().ToLowerInvariant();
            string? name = space < 0 ? null : body[(space + 1)..].Trim().ToString();
            if (name is { Length: 0 }) name = null;
            if (Array.IndexOf(Sections, section) < 0)
            {
                Error(at, $"unknown section '%{section}': expected %filter, %header, %values or %fields");
                _section = null;
                return;
            }

            _section = section;
            _sectionName = name;
            if (section == "filter")
            {
                if (name is null) Error(at, "%filter needs a name, e.g. '%filter graylist'");
                else
                {
                    var (l, col) = _src.Position(Math.Max(at, _src.Text.IndexOf(name, at + 1 + space, StringComparison.Ordinal)));
                    _file.FilterGroups.Add(new GroupDeclaration(name, _src.File, l, col));
                }
            }
            else
            {
                _unapplied = (section, name, lineNo, []);
            }

            return;
        }

        if (_section != "filter")
        {
            Error(at, _section is null
                ? "expected FORMAT, a %section or a # comment before any rule"
                : $"unexpected line in %{_section}");
            return;
        }

        if (StartsWithWord(line, "LABEL"))
        {
            FinishLabel();
            var rest = line[5..];
            int hash = rest.IndexOf('#');
            string name = (hash < 0 ? rest : rest[..hash]).Trim().ToString();
            string? note = hash < 0 ? null : rest[(hash + 1)..].Trim().ToString();
            if (_sectionName is not null) _label = new LabelBuilder(_sectionName, name, note, lineNo);
            return;
        }

        if (_label is null)
        {
            if (_sectionName is not null) Error(at, "expected LABEL: criteria and coordinates belong to a LABEL");
            return;
        }

        foreach (var (word, value, ctp) in CoordinateWords)
        {
            if (line.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                ParseCoordinates(at + word.Length, line[word.Length..], value, ctp, word);
                return;
            }
        }

        ParseCriterionLine(at, line);
    }

    private void ParseCoordinates(int at, ReadOnlySpan<char> rest, MaskValue value, bool ctp, string word)
    {
        int lead = 0;
        while (lead < rest.Length && char.IsWhiteSpace(rest[lead])) lead++;
        at += lead;
        var body = rest[lead..].Trim();
        if (body.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            _label!.Regions.Add(new RegionSpec(value, RegionKind.All));
            return;
        }

        if (body.StartsWith("from:", StringComparison.OrdinalIgnoreCase))
        {
            var name = body[5..].Trim().ToString();
            if (name.Length == 0)
            {
                Error(at + 5, $"'{word} from:' needs a field, e.g. from:SequenceOfUltrasoundRegions");
                return;
            }

            _label!.Regions.Add(new RegionSpec(value, RegionKind.From, From: ResolveField(name, at + 5)));
            return;
        }

        if (!CtpScriptParser.TryParseFour(body, out int a, out int b, out int c, out int d))
        {
            Error(at, body.IsEmpty
                ? $"'{word}' needs a region: four integers, 'all' or 'from:Field'"
                : $"malformed coordinates '{body}': expected {(ctp ? "x,y,w,h" : "xmin,ymin,xmax,ymax")} (four integers), 'all' or 'from:Field'");
            return;
        }

        if (ctp && (c < 0 || d < 0))
        {
            Error(at, $"'{word} {body}' has a negative width or height");
            return;
        }

        // deid slices mask[ymin:ymax, xmin:xmax]: a negative corner counts from the far edge in Python, which deid does
        // not mean, and an inverted box selects nothing there but fails every file here; both are mistakes in the recipe.
        if (!ctp && (a < 0 || b < 0 || c < 0 || d < 0))
        {
            Error(at, $"'{word} {body}' has a negative coordinate: expected xmin,ymin,xmax,ymax with 0 <= xmin <= xmax and 0 <= ymin <= ymax");
            return;
        }

        if (!ctp && (c < a || d < b))
        {
            Error(at, $"'{word} {body}' is inverted ({(c < a ? "xmax < xmin" : "ymax < ymin")}): expected xmin,ymin,xmax,ymax");
            return;
        }

        _label!.Regions.Add(new RegionSpec(value, ctp ? RegionKind.CtpBox : RegionKind.Corners, a, b, c, d));
    }

    private void ParseCriterionLine(int at, ReadOnlySpan<char> line)
    {
        bool isOr = false;
        if (line.StartsWith("||"))
        {
            isOr = true;
            at += 2;
            line = SkipSpace(ref at, line[2..]);
        }
        else if (line.StartsWith("+"))
        {
            at += 1;
            line = SkipSpace(ref at, line[1..]);
        }

        var items = new List<Condition>();
        var itemIsOr = new List<bool> { false };
        while (true)
        {
            int split = FindSplit(line, out int opLength);
            var item = split < 0 ? line : line[..split].TrimEnd();
            var c = ParseCriterion(at, item);
            if (c is null) return; // reported
            items.Add(c);
            if (split < 0) break;
            itemIsOr.Add(opLength == 2);
            at += split + opLength;
            line = SkipSpace(ref at, line[(split + opLength)..]);
        }

        _label!.Lines.Add(new ChainCondition(items.ToArray(), itemIsOr.ToArray()));
        _label.LineIsOr.Add(isOr);
    }

    /// <summary>
    /// The first "+" or "||" that is followed by another criterion (deid splits a line only where the rest is
    /// a criterion, so values like "DERIVED+SECONDARY" or "AS+" stay whole). -1 when none.
    /// </summary>
    private static int FindSplit(ReadOnlySpan<char> line, out int opLength)
    {
        for (int i = 0; i < line.Length; i++)
        {
            int len = line[i] == '+' ? 1 : (line[i] == '|' && i + 1 < line.Length && line[i + 1] == '|') ? 2 : 0;
            if (len == 0) continue;
            var rest = line[(i + len)..].TrimStart();
            foreach (var (word, _) in Criteria)
            {
                if (StartsWithWord(rest, word))
                {
                    opLength = len;
                    return i;
                }
            }

            i += len - 1;
        }

        opLength = 0;
        return -1;
    }

    private Condition? ParseCriterion(int at, ReadOnlySpan<char> item)
    {
        int sp = item.IndexOfAny(' ', '\t');
        var word = sp < 0 ? item : item[..sp];
        DeidCriterion? criterion = null;
        foreach (var (w, c) in Criteria)
        {
            if (word.Equals(w, StringComparison.OrdinalIgnoreCase)) criterion = c;
        }

        if (criterion is not DeidCriterion crit)
        {
            Error(at, $"unknown criterion '{word}': expected contains, notcontains, equals, notequals, missing, present or empty");
            return null;
        }

        int fieldAt = at + word.Length;
        var rest = SkipSpace(ref fieldAt, item[word.Length..]);
        int fsp = rest.IndexOfAny(' ', '\t');
        var fieldName = fsp < 0 ? rest : rest[..fsp];
        if (fieldName.IsEmpty)
        {
            Error(fieldAt, $"'{word}' needs a field{(DeidCriterionCondition.TakesValue(crit) ? " and a value" : "")}");
            return null;
        }

        int valueAt = fieldAt + fieldName.Length;
        var valueSpan = SkipSpace(ref valueAt, rest[fieldName.Length..]);
        valueSpan = valueSpan.TrimEnd();
        string? value = null;
        Regex? regex = null;
        if (DeidCriterionCondition.TakesValue(crit))
        {
            if (valueSpan.IsEmpty)
            {
                Error(valueAt, $"'{word} {fieldName}' needs a value");
                return null;
            }

            value = valueSpan.ToString();
            if (crit is DeidCriterion.Contains or DeidCriterion.NotContains && DeidCriterionCondition.LiteralAlternatives(value) is null)
            {
                try
                {
                    regex = new Regex(value, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTest.Timeout);
                }
                catch (ArgumentException ex)
                {
                    Error(valueAt, $"bad regular expression '{value}': {ex.Message}");
                    return null;
                }

                if (RegexTest.IsMatch(regex, ""))
                {
                    _file.Diagnostics.Add(_src.Diagnostic(RuleSeverity.Warning, valueAt,
                        $"the pattern '{value}' matches empty text, so '{word}' is {(crit == DeidCriterion.Contains ? "true" : "false")} for any value present (an empty alternative such as '||' or a trailing '|'?)"));
                }
            }
        }
        else if (!valueSpan.IsEmpty)
        {
            Error(valueAt, $"unexpected '{valueSpan}': '{word}' takes only a field");
            return null;
        }

        var field = ResolveField(fieldName.ToString(), fieldAt);
        return new DeidCriterionCondition(crit, field, value, regex);
    }

    /// <summary>A keyword or 0xGGGGEEEE. deid reads an unknown name as a missing element: kept, with a warning.</summary>
    private FieldPath ResolveField(string name, int at)
    {
        if (name.Length == 10 && name.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && TagNames.TryParseHexTag(name.AsSpan(2), out uint hex))
        {
            return new FieldPath(name, [new FieldStep(hex)]);
        }

        if (TagNames.TryResolveKeyword(name, out uint tag)) return new FieldPath(name, [new FieldStep(tag)]);
        _file.Diagnostics.Add(_src.Diagnostic(RuleSeverity.Warning, at,
            $"unknown keyword '{name}': not a DICOM keyword, so (as in deid) it reads as a missing element"));
        return FieldPath.Unknown(name);
    }

    private void FinishLabel()
    {
        if (_label is not { } l) return;
        _label = null;
        Condition condition;
        if (l.Lines.Count == 0)
        {
            // deid: a LABEL with coordinates and no criteria applies to every file; with neither it never matches.
            condition = l.Regions.Count > 0 ? ConstantCondition.True : ConstantCondition.False;
            if (l.Regions.Count == 0)
            {
                _file.Diagnostics.Add(new RuleDiagnostic(RuleSeverity.Warning, _src.File, l.Line, 1, $"LABEL '{l.Name}' has no criteria and no coordinates: it never matches"));
            }
        }
        else
        {
            var isOr = l.LineIsOr.ToArray();
            isOr[0] = false; // deid drops a leading operator on the first line
            condition = new ChainCondition(l.Lines.ToArray(), isOr);
        }

        _file.GroupNamed(l.Group, RuleGroupKind.DeidFilter).Rules.Add(new Rule(l.Group, l.Name, l.Note, condition, l.Regions.ToArray(), _src.File, l.Line));
    }

    private void FinishUnapplied()
    {
        if (_unapplied is not { } u) return;
        _unapplied = null;
        _file.Unapplied.Add(new UnappliedSection(u.Kind, u.Name, u.Line, u.Lines));
        _file.Diagnostics.Add(new RuleDiagnostic(RuleSeverity.Note, _src.File, u.Line, 1,
            $"%{u.Kind}{(u.Name is null ? "" : " " + u.Name)} ({u.Lines.Count} line(s)) is parsed and kept but not applied yet: PixelScrub cleans pixels only"));
    }

    private static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> s)
    {
        int hash = s.IndexOf('#');
        return hash < 0 ? s : s[..hash];
    }

    private static ReadOnlySpan<char> SkipSpace(scoped ref int at, ReadOnlySpan<char> s)
    {
        int i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        at += i;
        return s[i..];
    }

    private static bool StartsWithWord(ReadOnlySpan<char> s, string word) =>
        s.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (s.Length == word.Length || char.IsWhiteSpace(s[word.Length]));

    private void Error(int offset, string message) => _file.Diagnostics.Add(_src.Diagnostic(RuleSeverity.Error, offset, message));
}
