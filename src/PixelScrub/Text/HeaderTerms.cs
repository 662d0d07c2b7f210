using System.Globalization;
using PixelScrub.Rules;

namespace PixelScrub.Text;

/// <summary>
/// Every form in which a file's identifying header values may be printed on its pixels: patient and staff names
/// (each name word, and family/given combinations with and without initials), IDs (whole and by segment), dates and
/// times in the formats scanners print, institution, address, department and station. Built once per header.
/// </summary>
internal sealed class HeaderTerms
{
    private static readonly (string Keyword, uint Tag)[] Names =
    [
        ("PatientName", 0x00100010), ("OtherPatientNames", 0x00101001), ("PatientBirthName", 0x00101005),
        ("PatientMotherBirthName", 0x00101060), ("ResponsiblePerson", 0x00102297),
        ("ReferringPhysicianName", 0x00080090), ("PerformingPhysicianName", 0x00081050),
        ("NameOfPhysiciansReadingStudy", 0x00081060), ("OperatorsName", 0x00081070), ("PhysiciansOfRecord", 0x00081048),
        ("RequestingPhysician", 0x00321032),
    ];

    private static readonly (string Keyword, uint Tag)[] Ids =
    [
        ("PatientID", 0x00100020), ("OtherPatientIDs", 0x00101000), ("AccessionNumber", 0x00080050), ("StudyID", 0x00200010),
        ("MedicalRecordLocator", 0x00101090), ("AdmissionID", 0x00380010), ("RequestedProcedureID", 0x00401001),
        ("PlacerOrderNumberImagingServiceRequest", 0x00402016), ("FillerOrderNumberImagingServiceRequest", 0x00402017),
        ("PerformedProcedureStepID", 0x00400253), ("ScheduledProcedureStepID", 0x00400009),
        ("PatientTelephoneNumbers", 0x00102154),
    ];

    private static readonly (string Keyword, uint Tag)[] Dates =
    [
        ("PatientBirthDate", 0x00100030), ("StudyDate", 0x00080020), ("SeriesDate", 0x00080021), ("AcquisitionDate", 0x00080022),
        ("ContentDate", 0x00080023), ("InstanceCreationDate", 0x00080012), ("PerformedProcedureStepStartDate", 0x00400244),
        ("AcquisitionDateTime", 0x0008002A),
    ];

    private static readonly (string Keyword, uint Tag)[] Times =
    [
        ("StudyTime", 0x00080030), ("SeriesTime", 0x00080031), ("AcquisitionTime", 0x00080032), ("ContentTime", 0x00080033),
        ("PatientBirthTime", 0x00100032), ("InstanceCreationTime", 0x00080013), ("PerformedProcedureStepStartTime", 0x00400245),
    ];

    private static readonly (string Keyword, uint Tag)[] Texts =
    [
        ("InstitutionName", 0x00080080), ("InstitutionAddress", 0x00080081), ("InstitutionalDepartmentName", 0x00081040),
        ("StationName", 0x00081010), ("PatientAddress", 0x00101040),
    ];

    private const uint OtherPatientIDsSequence = 0x00101002, PatientIDTag = 0x00100020;

    private static readonly string[] MonthAbbreviations = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] MonthNames =
        ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];

    private readonly List<HeaderTerm> _terms = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _common;

    private HeaderTerms(HashSet<string> common) => _common = common;

    public IReadOnlyList<HeaderTerm> Terms => _terms;

    /// <summary>An empty set (no header: only patterns apply).</summary>
    public static HeaderTerms None { get; } = new([]);

    public static HeaderTerms From(IHeaderValues header) => From(header, CommonWords.Default);

    public static HeaderTerms From(IHeaderValues header, HashSet<string> common)
    {
        var t = new HeaderTerms(common);
        foreach (var (k, tag) in Names) t.AddNames(k, header.GetValues(tag));
        foreach (var (k, tag) in Ids) t.AddIds(k, header.GetValues(tag));
        if (header.GetItems(OtherPatientIDsSequence) is { } items)
        {
            foreach (var item in items) t.AddIds("OtherPatientIDsSequence", item.GetValues(PatientIDTag));
        }

        foreach (var (k, tag) in Dates) t.AddDates(k, header.GetValues(tag));
        foreach (var (k, tag) in Times) t.AddTimes(k, header.GetValues(tag));
        foreach (var (k, tag) in Texts) t.AddTexts(k, header.GetValues(tag));
        // Date-times carry a time too (YYYYMMDDHHMMSS.FFFFFF).
        if (header.GetValues(0x0008002A) is { } dts)
        {
            t.AddTimes("AcquisitionDateTime", dts.Where(v => v.Length > 8).Select(v => v[8..]).ToArray());
        }

        return t;
    }

    private void Add(string field, string skeleton, int minLength = 2)
    {
        if (skeleton.Length < minLength) return;
        if (!_seen.Add(skeleton)) return;
        _terms.Add(new HeaderTerm(field, skeleton));
    }

    private void AddNames(string field, string[]? values)
    {
        if (values is null) return;
        foreach (var value in values)
        {
            // PS3.5 6.2: up to three component groups (alphabetic=ideographic=phonetic), each family^given^middle^prefix^suffix.
            foreach (var group in value.Split('='))
            {
                var parts = group.Split('^');
                var family = Words(parts.Length > 0 ? parts[0] : "");
                var given = Words(parts.Length > 1 ? parts[1] : "");
                var middle = Words(parts.Length > 2 ? parts[2] : "");
                foreach (var w in family.Concat(given).Concat(middle)) Add(field, w);
                string f = string.Concat(family), g = string.Concat(given), m = string.Concat(middle);
                if (f.Length > 0 && g.Length > 0)
                {
                    Add(field, f + g);
                    Add(field, g + f);
                    Add(field, f + g[0]);
                    Add(field, g[0] + f);
                    if (m.Length > 0)
                    {
                        Add(field, f + g + m);
                        Add(field, g + m + f);
                        Add(field, g + m[0] + f);
                        Add(field, f + g[0] + m[0]);
                    }
                }
            }
        }
    }

    /// <summary>The skeletons of the words of a name component ("VAN DER BERG", "SMITH-JONES").</summary>
    private static List<string> Words(string component)
    {
        var list = new List<string>();
        foreach (var w in component.Split([' ', '-', '.', ',', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            var s = TextFolding.Skeleton(w);
            if (s.Length > 0) list.Add(s);
        }

        return list;
    }

    private void AddIds(string field, string[]? values)
    {
        if (values is null) return;
        foreach (var value in values)
        {
            Add(field, TextFolding.Skeleton(value), minLength: 3);
            // Segments of a structured ID ("PS-0042-7731" -> "0042", "7731") are printed alone too.
            foreach (var part in value.Split([' ', '-', '/', '.', '_', ':'], StringSplitOptions.RemoveEmptyEntries))
            {
                Add(field, TextFolding.Skeleton(part), minLength: 4);
            }

            AddDigitPieces(field, TextFolding.Skeleton(value));
        }
    }

    /// <summary>Digits of an ID read in a piece must be at least this many, from a run of digits longer than that.</summary>
    public const int IdPieceLength = 5;

    /// <summary>
    /// Every piece of <see cref="IdPieceLength"/> digits in a longer run of digits of an ID ("4799069" of "MRN4799069":
    /// "47990", "79906", "99069"), matched exactly and as whole words: OCR of a pixel font or of text over speckle often
    /// loses the first or last characters of an ID ("9906 9"), and a read too short for the edit budget of the whole
    /// still names the patient. Five digits of the patient's own ID, standing alone, are unlikely by chance (one in
    /// 100,000 per piece); shorter numbers (scale marks, settings) never match.
    /// </summary>
    private void AddDigitPieces(string field, string skeleton)
    {
        int i = 0;
        while (i < skeleton.Length)
        {
            int j = i;
            while (j < skeleton.Length && char.IsAsciiDigit(skeleton[j])) j++;
            for (int k = i; j - i > IdPieceLength && k + IdPieceLength <= j; k++) Add(field, skeleton.Substring(k, IdPieceLength));
            i = j == i ? i + 1 : j;
        }
    }

    private void AddTexts(string field, string[]? values)
    {
        if (values is null) return;
        foreach (var value in values)
        {
            Add(field, TextFolding.Skeleton(value), minLength: 3);
            foreach (var part in value.Split([',', ';', '^', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                Add(field, TextFolding.Skeleton(part), minLength: EditBudget.ApproximateFrom);
            }

            // Distinctive single words ("ACME" of "ACME GENERAL HOSPITAL"); generic ones ("HOSPITAL") identify nobody.
            foreach (var word in value.Split([' ', ',', ';', '^', '-', '/', '.', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var s = TextFolding.Skeleton(word);
                if (s.Length >= 4 && !_common.Contains(s) && !TextFolding.IsNumeric(s)) Add(field, s);
            }
        }
    }

    private void AddDates(string field, string[]? values)
    {
        if (values is null) return;
        foreach (var value in values)
        {
            var v = value.Replace(".", "", StringComparison.Ordinal); // ACR-NEMA "YYYY.MM.DD"
            if (v.Length < 8 || !int.TryParse(v.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y) ||
                !int.TryParse(v.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int mo) ||
                !int.TryParse(v.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int d) ||
                mo is < 1 or > 12 || d is < 1 or > 31)
            {
                continue;
            }

            foreach (var form in DateForms(y, mo, d)) Add(field, TextFolding.Skeleton(form));
        }
    }

    /// <summary>The ways a date is printed: 01/31/1970, 31.01.1970, 1970-01-31, 1970/01/31, 31-JAN-70, 31 JAN 1970, ...</summary>
    internal static IEnumerable<string> DateForms(int y, int mo, int d)
    {
        var inv = CultureInfo.InvariantCulture;
        string y4 = y.ToString("D4", inv), y2 = (y % 100).ToString("D2", inv);
        string mm = mo.ToString("D2", inv), dd = d.ToString("D2", inv);
        string m = mo.ToString(inv), dn = d.ToString(inv);
        string mon = MonthAbbreviations[mo - 1], month = MonthNames[mo - 1];
        yield return $"{mm}/{dd}/{y4}";
        yield return $"{m}/{dn}/{y4}";
        yield return $"{dd}.{mm}.{y4}";
        yield return $"{dn}.{m}.{y4}";
        yield return $"{y4}-{mm}-{dd}";
        yield return $"{mm}/{dd}/{y2}";
        yield return $"{dd}.{mm}.{y2}";
        yield return $"{dd}-{mon}-{y2}";
        yield return $"{dd}-{mon}-{y4}";
        yield return $"{dn}-{mon}-{y4}";
        yield return $"{dn}-{mon}-{y2}";
        yield return $"{mon} {dd} {y4}";
        yield return $"{mon} {dn} {y4}";
        yield return $"{dn} {month} {y4}";
        yield return $"{month} {dn} {y4}";
    }

    private void AddTimes(string field, string[]? values)
    {
        if (values is null) return;
        foreach (var value in values)
        {
            var v = value.Replace(":", "", StringComparison.Ordinal); // ACR-NEMA "HH:MM:SS"
            if (v.Length < 4 || !int.TryParse(v.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int h) ||
                !int.TryParse(v.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int mi) || h > 23 || mi > 59)
            {
                continue;
            }

            int s = v.Length >= 6 && int.TryParse(v.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int sec) ? sec : -1;
            foreach (var form in TimeForms(h, mi, s)) Add(field, TextFolding.Skeleton(form), minLength: 4);
        }
    }

    /// <summary>The ways a time is printed: 14:30:25, 14:30, 2:30 PM, 02:30:25PM.</summary>
    internal static IEnumerable<string> TimeForms(int h, int mi, int s)
    {
        var inv = CultureInfo.InvariantCulture;
        string hh = h.ToString("D2", inv), mm = mi.ToString("D2", inv);
        int h12 = h % 12 == 0 ? 12 : h % 12;
        string ampm = h < 12 ? "AM" : "PM";
        if (s >= 0) yield return $"{hh}:{mm}:{s.ToString("D2", inv)}";
        yield return $"{hh}:{mm}";
        yield return $"{h12}:{mm} {ampm}";
        yield return $"{h12.ToString("D2", inv)}:{mm} {ampm}";
        if (s >= 0) yield return $"{h12}:{mm}:{s.ToString("D2", inv)} {ampm}";
    }
}
