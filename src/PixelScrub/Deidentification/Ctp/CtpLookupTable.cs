using System.Text;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>
/// CTP's lookup table for @lookup: a Java properties file of `keytype/value = replacement` lines (`=`, `:` or blank as
/// separator; `#` and `!` comments; `\` continues a line and escapes). Keys and values are trimmed; a value
/// `@keytype/key` refers to another entry (at most 10 steps).
/// </summary>
internal sealed class CtpLookupTable
{
    private readonly Dictionary<string, string> _entries;

    private CtpLookupTable(Dictionary<string, string> entries, string sha256)
    {
        _entries = entries;
        Sha256 = sha256;
    }

    public int Count => _entries.Count;

    /// <summary>The SHA-256 of the table's text (hex): the resume ledger keys the script by it, so an edited table redoes the files.</summary>
    public string Sha256 { get; }

    public static CtpLookupTable Load(string path) => Parse(UserFile.LookupTable.Read(path), path);

    /// <param name="path">The file, for the entry limit's error; null for a table given as text.</param>
    public static CtpLookupTable Parse(string text, string? path = null)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (line.Length == 0 || line[0] is '#' or '!') continue;
            while (EndsWithContinuation(line) && i + 1 < lines.Length) line = line[..^1] + lines[++i].TrimStart();
            var key = new StringBuilder();
            int p = 0;
            for (; p < line.Length; p++)
            {
                char c = line[p];
                if (c == '\\' && p + 1 < line.Length)
                {
                    key.Append(line[++p]);
                    continue;
                }

                if (c is '=' or ':' or ' ' or '\t') break;
                key.Append(c);
            }

            while (p < line.Length && line[p] is ' ' or '\t') p++;
            if (p < line.Length && line[p] is '=' or ':') p++;
            var value = Unescape(line[p..]);
            entries[key.ToString().Trim()] = value.Trim();
            UserFile.LookupTable.CheckEntries(path ?? "lookup table", entries.Count, i + 1);
        }

        return new CtpLookupTable(entries, Pipeline.Ledger.Sha256OfText(text));
    }

    private static bool EndsWithContinuation(string line)
    {
        int n = 0;
        for (int i = line.Length - 1; i >= 0 && line[i] == '\\'; i--) n++;
        return (n & 1) == 1;
    }

    private static string Unescape(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                char n = s[++i];
                sb.Append(n switch { 't' => '\t', 'n' => '\n', 'r' => '\r', _ => n });
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>The replacement for keytype/key, following `@keytype/key` references; null with a reason when missing.</summary>
    public string? Lookup(string keyType, string key, out string? problem)
    {
        problem = null;
        if (_entries.Count == 0)
        {
            problem = "empty lookup table";
            return null;
        }

        var k = keyType.Trim() + "/" + key.Trim();
        if (!_entries.TryGetValue(k, out var value))
        {
            problem = $"no entry for {keyType.Trim()}/... in the lookup table";
            return null;
        }

        for (int steps = 10; value.StartsWith('@') && value.Contains('/'); steps--)
        {
            if (steps == 0)
            {
                problem = "more than 10 indirections in the lookup table";
                return null;
            }

            if (!_entries.TryGetValue(value[1..].Trim(), out var next))
            {
                problem = "an indirection in the lookup table names a missing entry";
                return null;
            }

            value = next;
        }

        return value;
    }
}
