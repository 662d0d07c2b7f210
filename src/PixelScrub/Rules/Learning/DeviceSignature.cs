using System.Text;

namespace PixelScrub.Rules.Learning;

/// <summary>
/// What keeps a device's screen layout stable, read from the header: manufacturer, model, image size, photometric
/// interpretation and whether the image carries a Sequence of Ultrasound Regions. Files with the same signature share
/// where their burned-in text sits. Each part becomes a deid criterion (<c>equals</c>, or <c>missing</c>/<c>empty</c>).
/// </summary>
internal sealed record DeviceSignature(string? Manufacturer, string? Model, string? Rows, string? Columns, string? Photometric, bool UltrasoundRegions)
{
    private const uint ManufacturerTag = 0x00080070, ModelTag = 0x00081090, RowsTag = 0x00280010, ColumnsTag = 0x00280011,
        PhotometricTag = 0x00280004, UltrasoundRegionsTag = 0x00186011;

    public static DeviceSignature From(IHeaderValues header) => new(
        First(header.GetValues(ManufacturerTag)), First(header.GetValues(ModelTag)), First(header.GetValues(RowsTag)),
        First(header.GetValues(ColumnsTag)), First(header.GetValues(PhotometricTag)), header.GetItems(UltrasoundRegionsTag) is not null);

    /// <summary>The first value, trimmed; "" when present and empty; null when missing.</summary>
    private static string? First(string[]? values) => values is null ? null : values.Length == 0 ? "" : values[0].Trim();

    /// <summary>A LABEL name: "ACME SONO 5 640x480 MONOCHROME2 (ultrasound regions)", with no '#' (deid's comment mark).</summary>
    public string Label()
    {
        var sb = new StringBuilder("learned: ");
        sb.Append(string.IsNullOrEmpty(Manufacturer) ? "(no manufacturer)" : Manufacturer).Append(' ');
        sb.Append(string.IsNullOrEmpty(Model) ? "(no model)" : Model).Append(' ');
        sb.Append(Columns ?? "?").Append('x').Append(Rows ?? "?");
        if (!string.IsNullOrEmpty(Photometric)) sb.Append(' ').Append(Photometric);
        if (UltrasoundRegions) sb.Append(" (ultrasound regions)");
        return Clean(sb.ToString());
    }

    /// <summary>The deid criteria lines, each ANDed to the previous.</summary>
    public IEnumerable<string> Criteria()
    {
        yield return Criterion("Manufacturer", Manufacturer);
        yield return "+ " + Criterion("ManufacturerModelName", Model);
        yield return "+ " + Criterion("Rows", Rows);
        yield return "+ " + Criterion("Columns", Columns);
        yield return "+ " + Criterion("PhotometricInterpretation", Photometric);
        yield return "+ " + (UltrasoundRegions ? "present" : "missing") + " SequenceOfUltrasoundRegions";
    }

    private static string Criterion(string field, string? value) => value switch
    {
        null => $"missing {field}",
        "" => $"empty {field}",
        _ => $"equals {field} {Clean(value)}",
    };

    /// <summary>Control characters and the comment mark become spaces; the recipe stays one line per criterion.</summary>
    private static string Clean(string s)
    {
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]) || chars[i] == '#') chars[i] = ' ';
        }

        return new string(chars).Trim();
    }
}
