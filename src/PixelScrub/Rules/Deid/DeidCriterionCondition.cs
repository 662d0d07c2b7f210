using System.Text;
using System.Text.RegularExpressions;

namespace PixelScrub.Rules.Deid;

/// <summary>
/// One deid criterion, e.g. <c>contains Modality CT|MR</c>. contains: case-insensitive regex search;
/// equals: case-insensitive comparison of trimmed text. A multi-valued element matches when any value does
/// (for contains, also the values joined with '\'); deid compares against the text of a Python list instead.
/// </summary>
internal sealed class DeidCriterionCondition : Condition
{
    private static readonly System.Buffers.SearchValues<char> RegexSyntax = System.Buffers.SearchValues.Create("\\^$.|?*+()[]{}#");

    private readonly Regex? _regex;
    private readonly string[]? _literals; // plain alternatives "CR|DX|PR": searched without the regex engine

    public DeidCriterionCondition(DeidCriterion criterion, FieldPath field, string? value, Regex? regex)
    {
        Criterion = criterion;
        Field = field;
        Value = value;
        _regex = regex;
        if (criterion is DeidCriterion.Contains or DeidCriterion.NotContains && value is not null) _literals = LiteralAlternatives(value);
        if (_literals is null && regex is null && criterion is DeidCriterion.Contains or DeidCriterion.NotContains)
        {
            throw new ArgumentException($"'{Keyword(criterion)}' needs a compiled pattern unless its value is plain alternatives", nameof(regex));
        }
    }

    /// <summary>
    /// The alternatives of a pattern made only of literal text and '|', or null (then the regex runs). The parser asks
    /// first and compiles a regex only when this is null: plain alternatives are always a valid pattern that never
    /// matches empty text, so nothing the regex would have told it is lost.
    /// </summary>
    internal static string[]? LiteralAlternatives(string pattern)
    {
        var parts = pattern.Split('|');
        foreach (var p in parts)
        {
            // An empty alternative matches everything; leave that (and any real syntax) to the regex engine.
            if (p.Length == 0 || p.AsSpan().ContainsAny(RegexSyntax)) return null;
            foreach (char c in p)
            {
                if (c > 0x7F || char.IsWhiteSpace(c) && c != ' ') return null; // keep non-ASCII case folding with the regex engine
            }
        }

        return parts;
    }

    private bool Search(string value)
    {
        if (_literals is null) return RegexTest.IsMatch(_regex!, value);
        foreach (var literal in _literals)
        {
            if (value.Contains(literal, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    public DeidCriterion Criterion { get; }
    public FieldPath Field { get; }
    public string? Value { get; }

    public static string Keyword(DeidCriterion c) => c switch
    {
        DeidCriterion.Contains => "contains",
        DeidCriterion.NotContains => "notcontains",
        DeidCriterion.Equals => "equals",
        DeidCriterion.NotEquals => "notequals",
        DeidCriterion.Missing => "missing",
        DeidCriterion.Present => "present",
        _ => "empty",
    };

    public static bool TakesValue(DeidCriterion c) => c <= DeidCriterion.NotEquals;

    public override bool Evaluate(IHeaderValues header)
    {
        switch (Criterion)
        {
            case DeidCriterion.Contains: return Contains(Field.Read(header));
            case DeidCriterion.NotContains: return !Contains(Field.Read(header));
            case DeidCriterion.Equals: return EqualsAny(Field.Read(header));
            case DeidCriterion.NotEquals: return !EqualsAny(Field.Read(header));
            case DeidCriterion.Missing: return !IsPresent(header);
            case DeidCriterion.Present: return IsPresent(header);
            case DeidCriterion.Empty:
                // Present with an empty value; a sequence is never "empty" (deid compares the Sequence object with "").
                var v = Field.Read(header);
                return v is not null && (v.Length == 0 || (v.Length == 1 && v[0].Length == 0)) && Field.ReadItems(header) is null;
            default: return false;
        }
    }

    private bool IsPresent(IHeaderValues header) => Field.Read(header) is not null || Field.ReadItems(header) is not null;

    private bool Contains(string[]? values)
    {
        if (values is null || values.Length == 0) return false;
        foreach (var v in values)
        {
            if (Search(v)) return true;
        }

        // Literal alternatives cannot span values; only a real pattern needs the joined text.
        return values.Length > 1 && _literals is null && RegexTest.IsMatch(_regex!, string.Join('\\', values));
    }

    private bool EqualsAny(string[]? values)
    {
        if (values is null) return false;
        var term = Value.AsSpan().Trim();
        foreach (var v in values)
        {
            if (v.AsSpan().Trim().Equals(term, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    public override void Explain(IHeaderValues header, StringBuilder reason)
    {
        reason.Append(Field.Text).Append(' ').Append(Keyword(Criterion));
        if (Value is not null)
        {
            reason.Append(' ');
            ReasonText.AppendQuoted(reason, Value);
        }

        var values = Field.Read(header);
        if (values is null && Field.ReadItems(header) is { } items)
        {
            reason.Append(" (").Append(Field.Text).Append(" is a sequence of ").Append(items.Count).Append(" item(s))");
            return;
        }

        // "ImageType missing" says it all when it holds; otherwise show what was there.
        bool saysItAll = (Criterion == DeidCriterion.Missing && values is null) ||
                         (Criterion == DeidCriterion.Empty && Evaluate(header) && !Field.IsUnknown);
        if (!saysItAll) ReasonText.AppendFound(reason, Field, values);
    }

    public override void Canonical(StringBuilder sb)
    {
        sb.Append("deid:").Append(Keyword(Criterion)).Append(' ').Append(Field.Canonical());
        if (Value is not null) sb.Append(" \"").Append(Value).Append('"');
    }

    public override void CollectLeaves(List<Condition> leaves) => leaves.Add(this);
}
