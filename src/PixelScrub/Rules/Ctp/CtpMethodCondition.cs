using System.Text;
using System.Text.RegularExpressions;

namespace PixelScrub.Rules.Ctp;

/// <summary>
/// One CTP operand, identifier.method("argument"). The element reads as its values joined with '\';
/// a missing element reads as "" (CTP's getElementValue default).
/// </summary>
internal sealed class CtpMethodCondition : Condition
{
    private readonly Regex? _regex;
    private readonly double _number;

    public CtpMethodCondition(FieldPath field, CtpMethod method, string argument, Regex? regex, double number)
    {
        Field = field;
        Method = method;
        Argument = argument;
        _regex = regex;
        _number = number;
    }

    public FieldPath Field { get; }
    public CtpMethod Method { get; }
    public string Argument { get; }

    public static string ValueOf(string[]? values) => values switch
    {
        null or [] => "",
        [var one] => one,
        _ => string.Join('\\', values),
    };

    public override bool Evaluate(IHeaderValues header) => Test(ValueOf(Field.Read(header)));

    public bool Test(string value)
    {
        switch (Method)
        {
            case CtpMethod.Equals: return string.Equals(value, Argument, StringComparison.Ordinal);
            case CtpMethod.EqualsIgnoreCase: return string.Equals(value, Argument, StringComparison.OrdinalIgnoreCase);
            case CtpMethod.Contains: return value.Contains(Argument, StringComparison.Ordinal);
            case CtpMethod.ContainsIgnoreCase: return value.Contains(Argument, StringComparison.OrdinalIgnoreCase);
            case CtpMethod.StartsWith: return value.StartsWith(Argument, StringComparison.Ordinal);
            case CtpMethod.StartsWithIgnoreCase: return value.StartsWith(Argument, StringComparison.OrdinalIgnoreCase);
            case CtpMethod.EndsWith: return value.EndsWith(Argument, StringComparison.Ordinal);
            case CtpMethod.EndsWithIgnoreCase: return value.EndsWith(Argument, StringComparison.OrdinalIgnoreCase);
            case CtpMethod.Matches: return RegexTest.IsMatch(_regex!, value);
            case CtpMethod.IsLessThan: return CtpNumber.TryRead(value, out double a) && a < _number;
            case CtpMethod.IsGreaterThan: return CtpNumber.TryRead(value, out double b) && b > _number;
            default: return false;
        }
    }

    public override void Explain(IHeaderValues header, StringBuilder reason)
    {
        var values = Field.Read(header);
        reason.Append(Field.Text).Append('.').Append(CtpMethods.Name(Method)).Append('(');
        ReasonText.AppendQuoted(reason, Argument);
        reason.Append(')');
        ReasonText.AppendFound(reason, Field, values);
    }

    public override void Canonical(StringBuilder sb)
    {
        sb.Append("ctp:").Append(Field.Canonical()).Append('.').Append(CtpMethods.Name(Method)).Append("(\"").Append(Argument).Append("\")");
    }

    public override void CollectLeaves(List<Condition> leaves) => leaves.Add(this);
}
