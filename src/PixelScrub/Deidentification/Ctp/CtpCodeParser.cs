using System.Text;
using PixelScrub.Rules;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>
/// Parses the text of an `&lt;e&gt;` element (CTP's makeReplacement grammar): text, `\` escaping the next character,
/// `@name(args)` calls with optional `{...}` blocks holding nested code. Nesting is bounded (<see cref="MaxDepth"/>), so
/// a hostile script cannot exhaust the stack; errors carry file:line:column.
/// </summary>
internal sealed class CtpCodeParser
{
    public const int MaxDepth = 32;

    private readonly string _text;
    private readonly string _file;
    private readonly int _line;
    private readonly int _column;
    private readonly List<RuleDiagnostic> _diagnostics;
    private int _pos;

    private CtpCodeParser(string text, string file, int line, int column, List<RuleDiagnostic> diagnostics)
    {
        _text = text;
        _file = file;
        _line = line;
        _column = column;
        _diagnostics = diagnostics;
    }

    /// <summary>Parses code that starts at (line, column) of the file; errors go to <paramref name="diagnostics"/>.</summary>
    public static IReadOnlyList<CtpNode> Parse(string text, string file, int line, int column, List<RuleDiagnostic> diagnostics) =>
        new CtpCodeParser(text, file, line, column, diagnostics).ParseSequence(0, closing: false) ?? [];

    private (int Line, int Column) Where(int offset)
    {
        int line = _line, column = _column;
        for (int i = 0; i < offset && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    private void Error(int offset, string message)
    {
        var (l, c) = Where(offset);
        _diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, _file, l, c, message));
    }

    /// <summary>Parses until the end (or a closing brace when <paramref name="closing"/>); null after an error.</summary>
    private List<CtpNode>? ParseSequence(int depth, bool closing)
    {
        var nodes = new List<CtpNode>();
        var text = new StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\\')
            {
                if (_pos + 1 < _text.Length) text.Append(_text[_pos + 1]);
                _pos += 2;
            }
            else if (closing && c == '}')
            {
                break;
            }
            else if (c == '@' && IsCallStart(_pos + 1))
            {
                if (text.Length > 0)
                {
                    nodes.Add(new CtpText(text.ToString()));
                    text.Clear();
                }

                var call = ParseCall(depth);
                if (call is null) return null;
                nodes.Add(call);
            }
            else
            {
                text.Append(c);
                _pos++;
            }
        }

        if (text.Length > 0) nodes.Add(new CtpText(text.ToString()));
        return nodes;
    }

    private bool IsCallStart(int i)
    {
        int start = i;
        while (i < _text.Length && char.IsAsciiLetterOrDigit(_text[i])) i++;
        return i > start && i < _text.Length && _text[i] == '(' && char.IsAsciiLetter(_text[start]);
    }

    private CtpCall? ParseCall(int depth)
    {
        int start = _pos;
        if (depth >= MaxDepth)
        {
            Error(start, $"functions nested more than {MaxDepth} deep");
            return null;
        }

        _pos++; // '@'
        int nameStart = _pos;
        while (char.IsAsciiLetterOrDigit(_text[_pos])) _pos++;
        var name = _text[nameStart.._pos];
        _pos++; // '('
        var args = new List<string>();
        var arg = new StringBuilder();
        bool quoted = false, closed = false;
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c == '"') quoted = !quoted;
            if (!quoted && c == ')')
            {
                closed = true;
                break;
            }

            if (!quoted && c == ',')
            {
                args.Add(arg.ToString().Trim());
                arg.Clear();
                continue;
            }

            arg.Append(c);
        }

        if (!closed)
        {
            Error(start, $"@{name}( is not closed by ')'");
            return null;
        }

        if (arg.ToString().Trim().Length > 0 || args.Count > 0) args.Add(arg.ToString().Trim());

        IReadOnlyList<CtpNode>? trueCode = null, falseCode = null;
        if (_pos < _text.Length && _text[_pos] == '{')
        {
            trueCode = ParseBlock(depth);
            if (trueCode is null) return null;
            if (_pos < _text.Length && _text[_pos] == '{')
            {
                falseCode = ParseBlock(depth);
                if (falseCode is null) return null;
            }
        }

        var (line, column) = Where(start);
        return new CtpCall(name, args, trueCode, falseCode, _text[start.._pos], line, column);
    }

    private List<CtpNode>? ParseBlock(int depth)
    {
        int open = _pos;
        _pos++; // '{'
        var nodes = ParseSequence(depth + 1, closing: true);
        if (nodes is null) return null;
        if (_pos >= _text.Length || _text[_pos] != '}')
        {
            Error(open, "'{' is not closed by '}'");
            return null;
        }

        _pos++;
        return nodes;
    }
}
