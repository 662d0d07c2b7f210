using System.Text;
using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Profiles;

/// <summary>
/// The "C" (clean) action on text: removes from a value every word that is one of the patient's identifiers taken from
/// the header itself (names of the patient and of the staff, IDs, accession number, birth date, institution, station,
/// address). Whole words, case-insensitive; what is left keeps its order with single spaces.
/// </summary>
internal sealed class PhiText
{
    private static readonly DicomTag[] Sources =
    [
        new(0x0010, 0x0010), new(0x0010, 0x0020), new(0x0010, 0x1000), new(0x0010, 0x1001), new(0x0010, 0x1005),
        new(0x0010, 0x1060), new(0x0010, 0x0030), new(0x0010, 0x1040), new(0x0010, 0x2154), new(0x0008, 0x0050),
        new(0x0008, 0x0080), new(0x0008, 0x0081), new(0x0008, 0x0090), new(0x0008, 0x1050), new(0x0008, 0x1060),
        new(0x0008, 0x1070), new(0x0008, 0x1048), new(0x0032, 0x1032), new(0x0008, 0x1010), new(0x0008, 0x1040),
        new(0x0020, 0x0010),
    ];

    private readonly HashSet<string> _words = new(StringComparer.OrdinalIgnoreCase);

    public PhiText(DicomDataset original)
    {
        foreach (var tag in Sources)
        {
            var values = original.GetValues(tag);
            if (values is null) continue;
            foreach (var v in values)
            {
                foreach (var w in Words(v))
                {
                    if (w.Length >= 2) _words.Add(w);
                }
            }
        }
    }

    /// <summary>The number of identifying words known.</summary>
    public int Count => _words.Count;

    public string Clean(string text)
    {
        if (_words.Count == 0 || text.Length == 0) return text;
        var sb = new StringBuilder(text.Length);
        int i = 0;
        bool changed = false;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                sb.Append(text[i++]);
                continue;
            }

            int start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            var word = text[start..i];
            if (_words.Contains(word))
            {
                changed = true;
                continue;
            }

            sb.Append(word);
        }

        if (!changed) return text;
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim();
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static IEnumerable<string> Words(string value)
    {
        int i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && !IsWordChar(value[i])) i++;
            int start = i;
            while (i < value.Length && IsWordChar(value[i])) i++;
            if (i > start) yield return value[start..i];
        }
    }
}
