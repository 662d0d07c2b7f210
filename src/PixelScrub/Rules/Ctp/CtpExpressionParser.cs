using System.Globalization;
using System.Text.RegularExpressions;

namespace PixelScrub.Rules.Ctp;

/// <summary>
/// Parses a CTP DicomFilter expression from a span of a rule file:
/// <code>
/// or      := and ('+' and)*            precedence: ! over * over + (CTP's Operator table)
/// and     := unary ('*' unary)*
/// unary   := '!' unary | '(' or ')' | operand
/// operand := ('true' | 'false') '.' | field '.' method '(' "argument" ')'
/// field   := step ('::' step)*        a sequence path reads the first item of each sequence
/// step    := Keyword | dcm4che name | [gggg,eeee] | [ggggeeee] | [gggg[Creator]ee] | 0xggggeeee
/// </code>
/// Whitespace and // comments may appear between tokens. Errors are recorded with line and column.
/// </summary>
internal sealed class CtpExpressionParser
{
    /// <summary>Deepest nesting of '(' and '!' accepted: the parser, the evaluator and the renderer recurse on it, so a
    /// hostile script must end in an error with its position, never in a stack overflow.</summary>
    public const int MaxDepth = 256;

    private readonly SourceText _src;
    private readonly string _text;
    private readonly int _end;
    private readonly List<RuleDiagnostic> _diagnostics;
    private int _pos;
    private int _depth;

    private CtpExpressionParser(SourceText src, int start, int end, List<RuleDiagnostic> diagnostics)
    {
        _src = src;
        _text = src.Text;
        _pos = start;
        _end = end;
        _diagnostics = diagnostics;
    }

    /// <summary>The condition of text[start..end), or null after recording an error.</summary>
    public static Condition? Parse(SourceText src, int start, int end, List<RuleDiagnostic> diagnostics)
    {
        var p = new CtpExpressionParser(src, start, end, diagnostics);
        try
        {
            p.SkipTrivia();
            if (p._pos >= p._end) p.Fail(p._pos, "expected an expression, found nothing");
            var c = p.ParseOr();
            p.SkipTrivia();
            if (p._pos < p._end)
            {
                p.Fail(p._pos, p._text[p._pos] == ')'
                    ? "')' without a matching '('"
                    : $"expected '*', '+' or the end of the expression, found '{p._text[p._pos]}'");
            }

            return c;
        }
        catch (CtpSyntaxError)
        {
            return null;
        }
    }

    private Condition ParseOr()
    {
        var first = ParseAnd();
        List<Condition>? list = null;
        while (true)
        {
            SkipTrivia();
            if (_pos >= _end || _text[_pos] != '+') break;
            _pos++;
            (list ??= [first]).Add(ParseAnd());
        }

        return list is null ? first : new AnyCondition(Flatten<AnyCondition>(list));
    }

    private Condition ParseAnd()
    {
        var first = ParseUnary();
        List<Condition>? list = null;
        while (true)
        {
            SkipTrivia();
            if (_pos >= _end || _text[_pos] != '*') break;
            _pos++;
            (list ??= [first]).Add(ParseUnary());
        }

        return list is null ? first : new AllCondition(Flatten<AllCondition>(list));
    }

    private static Condition[] Flatten<T>(List<Condition> list) where T : Condition
    {
        var flat = new List<Condition>(list.Count);
        foreach (var c in list)
        {
            if (c is T && c is AnyCondition any) flat.AddRange(any.Operands);
            else if (c is T && c is AllCondition all) flat.AddRange(all.Operands);
            else flat.Add(c);
        }

        return flat.ToArray();
    }

    private Condition ParseUnary()
    {
        SkipTrivia();
        if (_pos >= _end) Fail(_pos, "expected an operand, '!' or '(' but the expression ended");
        char c = _text[_pos];
        if ((c == '!' || c == '(') && _depth >= MaxDepth)
        {
            Fail(_pos, $"expression nested deeper than {MaxDepth} levels of '(' and '!'");
        }

        if (c == '!')
        {
            _pos++;
            _depth++;
            var operand = ParseUnary();
            _depth--;
            return new NotCondition(operand);
        }

        if (c == '(')
        {
            int open = _pos++;
            _depth++;
            var inner = ParseOr();
            _depth--;
            SkipTrivia();
            if (_pos >= _end || _text[_pos] != ')')
            {
                var (l, col) = _src.Position(open);
                Fail(_pos, $"expected ')' to close the '(' at {l}:{col}");
            }

            _pos++;
            return inner;
        }

        if (c == '[' || char.IsLetterOrDigit(c)) return ParseOperand();
        return Fail(_pos, $"unexpected '{c}': expected an operand, '!' or '('");
    }

    private Condition ParseOperand()
    {
        int fieldStart = _pos;
        var steps = new List<FieldStep>();
        while (true)
        {
            if (_pos < _end && _text[_pos] == '[')
            {
                steps.Add(ParseBracketTag());
            }
            else
            {
                int s = _pos;
                while (_pos < _end && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
                if (_pos == s) Fail(_pos, "expected an element name or [gggg,eeee]");
                string name = _text[s.._pos];
                if (steps.Count == 0 && (name == "true" || name == "false"))
                {
                    if (_pos >= _end || _text[_pos] != '.') Fail(_pos, $"expected '.' after '{name}' (CTP writes {name}.)");
                    _pos++;
                    return name == "true" ? ConstantCondition.True : ConstantCondition.False;
                }

                steps.Add(new FieldStep(ResolveName(name, s)));
            }

            if (_pos + 1 < _end && _text[_pos] == ':' && _text[_pos + 1] == ':')
            {
                _pos += 2;
                continue;
            }

            break;
        }

        string fieldText = _text[fieldStart.._pos];
        if (_pos >= _end || _text[_pos] != '.') Fail(_pos, $"expected '.' and a method after '{fieldText}'");
        _pos++;

        int methodStart = _pos;
        while (_pos < _end && char.IsLetter(_text[_pos])) _pos++;
        var methodName = _text.AsSpan(methodStart, _pos - methodStart);
        if (methodName.Length == 0) Fail(methodStart, $"expected a method name after '{fieldText}.'");
        if (!CtpMethods.TryParse(methodName, out var method))
        {
            Fail(methodStart, $"unknown method '{methodName}' (expected one of: {CtpMethods.AllNames()})");
        }

        SkipTrivia();
        if (_pos >= _end || _text[_pos] != '(') Fail(_pos, $"expected '(' after '{methodName}'");
        _pos++;
        SkipTrivia();
        if (_pos >= _end || _text[_pos] != '"') Fail(_pos, "expected a quoted argument");
        int quote = _pos++;
        int argStart = _pos;
        while (_pos < _end && _text[_pos] != '"') _pos++;
        if (_pos >= _end) Fail(quote, "unterminated string: no closing '\"'");
        string argument = _text[argStart.._pos];
        _pos++;
        SkipTrivia();
        if (_pos >= _end || _text[_pos] != ')') Fail(_pos, "expected ')' after the argument");
        _pos++;

        Regex? regex = null;
        double number = 0;
        if (method == CtpMethod.Matches)
        {
            // Java's String.matches tests the whole value.
            try
            {
                regex = new Regex(@"\A(?:" + argument + @")\z", RegexOptions.CultureInvariant, RegexTest.Timeout);
            }
            catch (ArgumentException ex)
            {
                Fail(argStart, $"bad regular expression: {ex.Message}");
            }
        }
        else if (method is CtpMethod.IsLessThan or CtpMethod.IsGreaterThan && !CtpNumber.TryRead(argument, out number))
        {
            Fail(argStart, $"{CtpMethods.Name(method)} needs a number, found \"{argument}\"");
        }

        return new CtpMethodCondition(new FieldPath(fieldText, steps.ToArray()), method, argument, regex, number);
    }

    private uint ResolveName(string name, int at)
    {
        if (name.Length == 10 && name.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && TagNames.TryParseHexTag(name.AsSpan(2), out uint hex)) return hex;
        if (name.Length == 8 && TagNames.TryParseHexTag(name, out hex)) return hex;
        if (TagNames.TryResolveCtpName(name, out uint tag)) return tag;
        Fail(at, $"unknown keyword '{name}' (not a DICOM keyword or a dcm4che name)");
        return 0;
    }

    // [gggg,eeee]  [ggggeeee]  [gggg[Creator]ee]
    private FieldStep ParseBracketTag()
    {
        int open = _pos++;
        int close = _text.IndexOf(']', _pos, _end - _pos);
        int inner = _text.IndexOf('[', _pos, _end - _pos);
        if (inner >= 0 && (close < 0 || inner < close))
        {
            var group = _text.AsSpan(_pos, inner - _pos).Trim();
            int creatorEnd = _text.IndexOf(']', inner + 1, _end - inner - 1);
            if (creatorEnd < 0) Fail(inner, "unterminated private creator: expected ']'");
            string creator = _text[(inner + 1)..creatorEnd].Trim();
            int end = _text.IndexOf(']', creatorEnd + 1, _end - creatorEnd - 1);
            if (end < 0) Fail(open, "unterminated '[': expected ']'");
            var element = _text.AsSpan(creatorEnd + 1, end - creatorEnd - 1).Trim();
            if (group.Length != 4 || !ushort.TryParse(group, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort g))
            {
                Fail(open + 1, "expected a four-digit hex group in [gggg[Creator]ee]");
                return default;
            }

            // PS3.5 7.8.1: private creators reserve blocks only in odd groups.
            if ((g & 1) == 0) Fail(open + 1, $"group {g:X4} is not private (odd): a private creator cannot apply");
            if (creator.Length == 0) Fail(inner + 1, "empty private creator");
            if (element.Length != 2 || !byte.TryParse(element, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte e))
            {
                Fail(creatorEnd + 1, "expected a two-digit hex element byte in [gggg[Creator]ee]");
                return default;
            }

            _pos = end + 1;
            return new FieldStep((uint)g << 16, creator, e);
        }

        if (close < 0) Fail(open, "unterminated '[': expected ']'");
        var body = _text.AsSpan(_pos, close - _pos).Trim();
        Span<char> hex = stackalloc char[8];
        int n = 0;
        foreach (char ch in body)
        {
            if (ch == ',' || ch == ' ') continue;
            if (n == 8 || !Uri.IsHexDigit(ch)) { n = -1; break; }
            hex[n++] = ch;
        }

        uint tag = 0;
        if (n != 8 || !TagNames.TryParseHexTag(hex, out tag)) Fail(open + 1, "expected [gggg,eeee] with hex digits");
        _pos = close + 1;
        return new FieldStep(tag);
    }

    private void SkipTrivia()
    {
        while (_pos < _end)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c)) _pos++;
            else if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '/')
            {
                while (_pos < _end && _text[_pos] != '\n') _pos++;
            }
            else break;
        }
    }

    private Condition Fail(int offset, string message)
    {
        _diagnostics.Add(_src.Diagnostic(RuleSeverity.Error, offset, message));
        throw new CtpSyntaxError();
    }
}
