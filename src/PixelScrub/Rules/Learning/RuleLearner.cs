using System.Globalization;
using System.Text;
using PixelScrub.Masks;
using PixelScrub.Text;

namespace PixelScrub.Rules.Learning;

/// <summary>
/// Rules from what OCR found (`pixelscrub rules learn`): files are grouped by <see cref="DeviceSignature"/>, the PHI
/// text boxes found in each group are padded and united (overlapping or touching boxes merge), and each group becomes
/// one deid LABEL with <c>coordinates</c>, which `clean` applies to every frame without OCR. Only boxes read from the
/// pixels count (overlay planes are removed by `clean` by default). Not thread-safe; feed it from one thread.
/// </summary>
internal sealed class RuleLearner(int padding = 2)
{
    private readonly Dictionary<DeviceSignature, LearnedGroup> _groups = [];

    public int Padding { get; } = padding;

    public int Files => _groups.Values.Sum(g => g.Files);

    /// <summary>Adds one file: its header and the judged lines OCR read from it.</summary>
    public void Add(IHeaderValues header, IEnumerable<TextFinding> findings) => Add(DeviceSignature.From(header), findings);

    /// <summary>Adds one file by its signature.</summary>
    public void Add(DeviceSignature signature, IEnumerable<TextFinding> findings)
    {
        if (!_groups.TryGetValue(signature, out var group)) _groups[signature] = group = new LearnedGroup();
        group.Files++;
        int columns = int.TryParse(signature.Columns, NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : int.MaxValue;
        int rows = int.TryParse(signature.Rows, NumberStyles.None, CultureInfo.InvariantCulture, out int r) ? r : int.MaxValue;
        foreach (var f in findings)
        {
            if (!f.IsPhi || f.Line.Source != TextSource.Pixels) continue;
            group.PhiLines++;
            var box = f.RedactionRegion(Padding, columns, rows);
            if (!box.IsEmpty) group.Boxes.Add(box);
        }
    }

    /// <summary>The united boxes of each signature, largest group first.</summary>
    public IReadOnlyList<(DeviceSignature Signature, LearnedGroup Group, IReadOnlyList<Region> Regions)> Groups() =>
        _groups.OrderByDescending(g => g.Value.Files).ThenBy(g => g.Key.Label(), StringComparer.Ordinal)
            .Select(g => (g.Key, g.Value, Unite(g.Value.Boxes))).ToList();

    /// <summary>Merges boxes that overlap or touch until none do; the result covers every input box.</summary>
    internal static IReadOnlyList<Region> Unite(IEnumerable<Region> boxes)
    {
        var list = boxes.Where(b => !b.IsEmpty).ToList();
        bool merged = true;
        while (merged)
        {
            merged = false;
            for (int i = 0; i < list.Count && !merged; i++)
            {
                for (int j = i + 1; j < list.Count; j++)
                {
                    var a = list[i];
                    var b = list[j];
                    if (a.X0 > b.X1 || b.X0 > a.X1 || a.Y0 > b.Y1 || b.Y0 > a.Y1) continue; // apart (touching counts)
                    list[i] = new Region(Math.Min(a.X0, b.X0), Math.Min(a.Y0, b.Y0), Math.Max(a.X1, b.X1), Math.Max(a.Y1, b.Y1));
                    list.RemoveAt(j);
                    merged = true;
                    break;
                }
            }
        }

        return list.OrderBy(r => r.Y0).ThenBy(r => r.X0).ToList();
    }

    /// <summary>The deid recipe: one LABEL per signature that had PHI text; signatures without any are listed as comments.</summary>
    public string Recipe(string source)
    {
        var sb = new StringBuilder();
        sb.Append("FORMAT dicom\n\n");
        sb.Append("# Learned by `pixelscrub rules learn` from ").Append(Files.ToString(CultureInfo.InvariantCulture))
            .Append(" file(s) (").Append(source).Append("): the PHI text boxes OCR found, padded by ")
            .Append(Padding.ToString(CultureInfo.InvariantCulture)).Append(" px and united per device signature.\n");
        sb.Append("# Use it with `pixelscrub clean --rules THIS_FILE`; check a sample of the output before trusting it.\n\n");
        sb.Append("%filter graylist\n");
        foreach (var (signature, group, regions) in Groups())
        {
            string counts = $"{group.Files} file(s), {group.PhiLines} PHI line(s)";
            if (regions.Count == 0)
            {
                sb.Append("\n# ").Append(signature.Label()).Append(": ").Append(counts).Append(", no PHI text found: no rule\n");
                continue;
            }

            sb.Append("\nLABEL ").Append(signature.Label()).Append(" # ").Append(counts).Append('\n');
            foreach (var line in signature.Criteria()) sb.Append("  ").Append(line).Append('\n');
            foreach (var r in regions) sb.Append("  coordinates ").Append(r.ToString()).Append('\n');
        }

        return sb.ToString();
    }
}
