using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PixelScrub.Dicom;

namespace PixelScrub.Text;

/// <summary>
/// A small judge used until the full PHI matcher (header value forms, user allow-lists and patterns) is wired: a line is
/// PHI when it contains, within an edit budget (1 edit for values of 6+ characters, 2 for 10+; O/0, I/l/1, S/5, B/8, Z/2
/// compared as equal, separators ignored), a value of an identifying header attribute (name components, IDs, accession,
/// institution and station words, dates in day-month-year orders with and without the century or as 31JAN1970), or a
/// pattern that needs no header (a date, a time, a run of 6+ digits, a label such as "Name:", "ID", "DOB", "MRN", "Acc"
/// with a value). It is allowed when every word is a known annotation (acoustic settings, units, probe names,
/// markers) or a number; otherwise unknown.
/// </summary>
public sealed partial class BasicTextJudge : ITextJudge
{
    private static readonly (DicomTag Tag, string Name, bool Person)[] Fields =
    [
        (new(0x0010, 0x0010), "PatientName", true),
        (new(0x0010, 0x0020), "PatientID", false),
        (new(0x0010, 0x1000), "OtherPatientIDs", false),
        (new(0x0008, 0x0050), "AccessionNumber", false),
        (new(0x0020, 0x0010), "StudyID", false),
        (new(0x0008, 0x0080), "InstitutionName", false),
        (new(0x0008, 0x0081), "InstitutionAddress", false),
        (new(0x0008, 0x1040), "InstitutionalDepartmentName", false),
        (new(0x0008, 0x0090), "ReferringPhysicianName", true),
        (new(0x0008, 0x1050), "PerformingPhysicianName", true),
        (new(0x0008, 0x1070), "OperatorsName", true),
        (new(0x0008, 0x1010), "StationName", false),
    ];

    private static readonly (DicomTag Tag, string Name)[] DateFields =
    [
        (new(0x0010, 0x0030), "PatientBirthDate"),
        (new(0x0008, 0x0020), "StudyDate"),
        (new(0x0008, 0x0021), "SeriesDate"),
        (new(0x0008, 0x0022), "AcquisitionDate"),
        (new(0x0008, 0x0023), "ContentDate"),
    ];

    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "MI", "TIS", "TIB", "TIC", "TI", "GN", "GAIN", "DR", "FPS", "HZ", "KHZ", "MHZ", "DB", "CM", "MM", "M", "S", "MS", "L", "R",
        "FR", "PRF", "WF", "CF", "PWR", "POWER", "DEPTH", "FOCUS", "ZOOM", "MAP", "PERSIST", "2D", "3D", "4D", "CW", "PW", "THI",
        "HARM", "HAR", "RES", "GEN", "PEN", "C", "B", "AO", "FREQ", "ANGLE", "SV", "WMF", "SCALE", "CM/S", "%", "AP", "LAT",
        "LEFT", "RIGHT", "SUP", "INF", "MED", "ANT", "POST", "TRANS", "SAG", "LONG", "AXIAL", "DIST", "AREA", "VOL", "HR", "BPM",
    };

    [GeneratedRegex(@"\b\d{1,4}\s?[./\-]\s?\d{1,2}\s?[./\-]\s?\d{2,4}\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b\d{1,2}\s?:\s?\d{2}(\s?:\s?\d{2})?\b")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\d{6,}")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\b(NAME|PATIENT|PAT|ID|DOB|MRN|ACC|ACCESSION|BIRTH|DATE)\b\s*[:#.]?\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex Label();

    [GeneratedRegex(@"^\W*(NAME|PATIENT|ID|DOB|D\.O\.B|MRN|ACC|ACCESSION|BIRTH)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelAlone();

    [GeneratedRegex(@"^([A-Z]{0,3}\d{1,2}(-\d{1,2})?[A-Z]?|[+\-]?\d{1,4}([.,]\d+)?%?[A-Z/%]*|[A-Z]{1,3}\d?[.:]?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Harmless();

    public IReadOnlyList<TextFinding> Judge(IReadOnlyList<TextLine> lines, DicomDataset header)
    {
        var values = HeaderValues(header);
        var result = new List<TextFinding>(lines.Count);
        foreach (var line in lines) result.Add(JudgeLine(line, values));
        return result;
    }

    private static TextFinding JudgeLine(TextLine line, List<(string Canonical, string Field)> values)
    {
        string canon = Canonical(line.Text);
        foreach (var (value, field) in values)
        {
            int budget = value.Length >= 10 ? 2 : value.Length >= 6 ? 1 : 0;
            int edits = BestSubstringDistance(value, canon);
            if (edits <= budget) return new TextFinding(line, TextVerdict.Phi(field), edits == 0 ? $"contains {field}" : $"contains {field} ({edits} edit{(edits == 1 ? "" : "s")})");
        }

        string text = line.Text;
        if (DatePattern().IsMatch(text)) return new TextFinding(line, TextVerdict.Phi("date"), "a date");
        if (TimePattern().IsMatch(text)) return new TextFinding(line, TextVerdict.Phi("time"), "a time");
        if (DigitRun().IsMatch(text)) return new TextFinding(line, TextVerdict.Phi("digits"), "a run of 6 or more digits");
        if (Label().Match(text) is { Success: true } m) return new TextFinding(line, TextVerdict.Phi("label:" + m.Groups[1].Value.ToUpperInvariant()), $"the label \"{m.Groups[1].Value}\" with a value");

        if (LabelAlone().Match(text) is { Success: true } alone)
            return new TextFinding(line, TextVerdict.Phi("label:" + alone.Groups[1].Value.ToUpperInvariant()), $"the label \"{alone.Groups[1].Value}\" (its value may be unreadable or beside it)");

        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.All(w => Allowed.Contains(w.Trim(',', ';', ':', '.')) || Harmless().IsMatch(w)))
            return new TextFinding(line, TextVerdict.Allowed, "annotation words and numbers only");
        return new TextFinding(line, TextVerdict.Unknown, "no header value, pattern or allowed annotation");
    }

    private static List<(string, string)> HeaderValues(DicomDataset header)
    {
        var values = new List<(string, string)>();
        void Add(string raw, string field)
        {
            string c = Canonical(raw);
            if (c.Length >= 3 && !values.Contains((c, field))) values.Add((c, field));
        }

        foreach (var (tag, name, person) in Fields)
        {
            if (header.GetValues(tag) is not { } vs) continue;
            foreach (var v in vs)
            {
                if (person)
                {
                    foreach (var part in v.Split('=')[0].Split('^', ' ', ','))
                        Add(part, name);
                    if (v.Split('^') is [var family, var given, ..] && family.Length > 0 && given.Length > 0) Add(family + given, name);
                }
                else if (name.StartsWith("Institution", StringComparison.Ordinal) || name == "StationName")
                {
                    Add(v, name);
                    foreach (var word in v.Split(' ', ',', '-', '/'))
                        if (word.Length >= 4) Add(word, name);
                }
                else Add(v, name);
            }
        }

        foreach (var (tag, name) in DateFields)
        {
            if (header.GetString(tag)?.Trim() is not { Length: 8 } d
                || !DateTime.TryParseExact(d, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) continue;
            foreach (var format in new[] { "yyyyMMdd", "MMddyyyy", "ddMMyyyy", "MMddyy", "ddMMyy", "yyMMdd", "ddMMMyyyy", "ddMMMyy", "MMMddyyyy" })
                Add(date.ToString(format, CultureInfo.InvariantCulture).ToUpperInvariant(), name);
        }

        return values;
    }

    /// <summary>Upper case letters and digits only, with the characters OCR confuses folded together.</summary>
    internal static string Canonical(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char ch in s.Normalize(NormalizationForm.FormD))
        {
            if (!char.IsLetterOrDigit(ch) || ch > 127) continue;
            char u = char.ToUpperInvariant(ch);
            sb.Append(u switch
            {
                'O' or 'Q' or 'D' => '0',
                'I' or 'L' or 'J' => '1',
                'S' => '5',
                'B' => '8',
                'Z' => '2',
                'G' => '6',
                _ => u,
            });
        }

        return sb.ToString();
    }

    /// <summary>The fewest edits turning <paramref name="pattern"/> into some substring of <paramref name="text"/> (Sellers' algorithm).</summary>
    internal static int BestSubstringDistance(string pattern, string text)
    {
        int m = pattern.Length;
        if (m == 0) return 0;
        var prev = new int[m + 1];
        var cur = new int[m + 1];
        for (int i = 0; i <= m; i++) prev[i] = i;
        int best = m;
        foreach (char t in text)
        {
            cur[0] = 0;
            for (int i = 1; i <= m; i++)
                cur[i] = Math.Min(Math.Min(cur[i - 1] + 1, prev[i] + 1), prev[i - 1] + (pattern[i - 1] == t ? 0 : 1));
            best = Math.Min(best, cur[m]);
            (prev, cur) = (cur, prev);
        }

        return best;
    }
}
