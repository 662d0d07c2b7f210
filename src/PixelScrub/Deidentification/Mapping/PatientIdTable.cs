using System.Text;

namespace PixelScrub.Deidentification.Mapping;

/// <summary>
/// A user's Patient ID lookup table, CSV: one <c>original,replacement</c> row per patient (RFC 4180 quoting allowed;
/// blank lines and lines starting with '#' ignored; an optional first row <c>original,replacement</c> is a header). A
/// Patient ID missing from the table is not guessed: the file goes to quarantine.
/// </summary>
internal sealed class PatientIdTable
{
    public const string Parameter = "patient-id-table";

    private readonly Dictionary<string, string> _map;

    private PatientIdTable(string path, Dictionary<string, string> map, string sha256)
    {
        Path = path;
        _map = map;
        Sha256 = sha256;
    }

    /// <summary>The SHA-256 of the table's text as read (the resume ledger keys the profile by it).</summary>
    public string Sha256 { get; }

    public string Path { get; }

    public int Count => _map.Count;

    public bool TryMap(string original, out string replacement) => _map.TryGetValue(original.Trim(), out replacement!);

    /// <summary>Reads the table; <see cref="RuleSyntaxException"/> with file:line:column for a malformed row.</summary>
    public static PatientIdTable Load(string path) => Parse(path, UserFile.PatientIdTable.Read(path));

    public static PatientIdTable Parse(string path, string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var fields = SplitRow(line, path, i + 1);
            if (fields.Count != 2)
            {
                throw new RuleSyntaxException($"expected two fields (original,replacement), found {fields.Count}", path, i + 1, 1) { FilePath = path };
            }

            var (original, replacement) = (fields[0].Trim(), fields[1].Trim());
            if (map.Count == 0 && original.Equals("original", StringComparison.OrdinalIgnoreCase) && replacement.Equals("replacement", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (original.Length == 0 || replacement.Length == 0)
            {
                throw new RuleSyntaxException("empty Patient ID", path, i + 1, original.Length == 0 ? 1 : line.IndexOf(',') + 2) { FilePath = path };
            }

            if (replacement.Length > 64 || replacement.Contains('\\'))
            {
                throw new RuleSyntaxException("the replacement does not fit a Patient ID (LO: at most 64 characters, no backslash)", path, i + 1, line.IndexOf(',') + 2) { FilePath = path };
            }

            if (map.TryGetValue(original, out var existing) && existing != replacement)
            {
                throw new RuleSyntaxException("this Patient ID is listed twice with different replacements", path, i + 1, 1) { FilePath = path };
            }

            map[original] = replacement;
            UserFile.PatientIdTable.CheckEntries(path, map.Count, i + 1);
        }

        return new PatientIdTable(path, map, Pipeline.Ledger.Sha256OfText(text));
    }

    private static List<string> SplitRow(string line, string path, int lineNo)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        int i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                int start = i;
                i++;
                while (true)
                {
                    if (i >= line.Length) throw new RuleSyntaxException("unterminated quoted field", path, lineNo, start + 1) { FilePath = path };
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',') throw new RuleSyntaxException("expected ',' after a quoted field", path, lineNo, i + 1) { FilePath = path };
            }
            else
            {
                while (i < line.Length && line[i] != ',') sb.Append(line[i++]);
            }

            fields.Add(sb.ToString());
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }
}
