using System.Text;

namespace PixelScrub;

/// <summary>
/// Reads a text file line by line ('\n' ends a line, a '\r' before it is dropped) holding at most one line of
/// <see cref="MaxChars"/> characters plus one 64 KiB chunk in memory: a longer line (or a file of no line ends at all,
/// such as a huge sparse file) is refused when its length passes the limit, by the exception <c>tooLong</c> makes from
/// the line's number. For files a manifest of millions of lines is legitimate in: whole files are never read.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxChars, Func<int, Exception> tooLong) : IDisposable
{
    private readonly char[] _chunk = new char[1 << 16];
    private readonly StringBuilder _line = new();
    private int _pos, _len;

    public int MaxChars => maxChars;

    /// <summary>The number of the line last read (1 for the first).</summary>
    public int Line { get; private set; }

    /// <summary>Opens <paramref name="path"/> as UTF-8 (invalid bytes replaced, a byte order mark honoured).</summary>
    public static BoundedLineReader Open(string path, int maxChars, Func<int, Exception> tooLong) =>
        new(new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: false), true, 1 << 16), maxChars, tooLong);

    /// <summary>The next line, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        _line.Clear();
        bool any = false;
        while (true)
        {
            if (_pos == _len)
            {
                _pos = 0;
                _len = reader.Read(_chunk, 0, _chunk.Length);
                if (_len == 0) return any ? End() : null;
            }

            any = true;
            int nl = Array.IndexOf(_chunk, '\n', _pos, _len - _pos);
            int end = nl < 0 ? _len : nl;
            if (_line.Length + (end - _pos) > maxChars + 1) throw tooLong(Line + 1);   // + 1: a '\r' before the '\n'
            _line.Append(_chunk, _pos, end - _pos);
            if (nl >= 0)
            {
                _pos = nl + 1;
                return End();
            }

            _pos = _len;
        }
    }

    private string End()
    {
        Line++;
        if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
        if (_line.Length > maxChars) throw tooLong(Line);
        return _line.ToString();
    }

    /// <summary>"65,536 characters": the limit as the refusals name it.</summary>
    public static string Size(int chars) => chars.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters";

    public void Dispose() => reader.Dispose();
}
