using PixelScrub.Dicom;
using PixelScrub.Rules;

namespace PixelScrub.Text;

/// <summary>
/// Which files are read at all (OCR is costly; most CT and MR images carry no burned-in text): files of the listed
/// modalities, secondary captures (any SOP class under 1.2.840.10008.5.1.4.1.1.7) and ultrasound SOP classes, files that
/// say BurnedInAnnotation (0028,0301) YES, files whose ImageType (0008,0008) says DERIVED or SECONDARY, and files a rule
/// flagged (to clean or to review; a pass group's match does not count). Only the header is looked at.
/// </summary>
public sealed record TextTriage
{
    /// <summary>Read every file with pixels (no triage).</summary>
    public bool All { get; init; }

    public IReadOnlySet<string> Modalities { get; init; } =
        new HashSet<string>(["US", "SC", "OT", "XA", "RF", "ES", "XC", "SR", "DOC"], StringComparer.OrdinalIgnoreCase);

    public bool BurnedInAnnotation { get; init; } = true;

    public bool DerivedOrSecondary { get; init; } = true;

    public bool RuleFlagged { get; init; } = true;

    public static TextTriage Default { get; } = new();

    /// <summary>Which files are read, as one string for the resume ledger.</summary>
    public string Key => All ? "all" :
        $"modalities={string.Join(',', Modalities.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal))} burned-in={BurnedInAnnotation} derived={DerivedOrSecondary} flagged={RuleFlagged}";

    private static readonly DicomTag Modality = new(0x0008, 0x0060);
    private static readonly DicomTag SopClassUid = new(0x0008, 0x0016);
    private static readonly DicomTag ImageType = new(0x0008, 0x0008);
    private static readonly DicomTag BurnedIn = new(0x0028, 0x0301);
    private const string SecondaryCapture = "1.2.840.10008.5.1.4.1.1.7";
    private const string Ultrasound = "1.2.840.10008.5.1.4.1.1.6.";
    private const string UltrasoundRetired = "1.2.840.10008.5.1.4.1.1.3.";

    /// <summary>Why the file is read (null: it is not).</summary>
    public string? Select(DicomDataset header, Detection? detection)
    {
        if (All) return "every file is read";
        if (header.GetString(Modality)?.Trim() is { Length: > 0 } m && Modalities.Contains(m)) return $"modality {m}";
        var sop = header.GetString(SopClassUid)?.Trim().TrimEnd('\0') ?? "";
        if (sop.StartsWith(SecondaryCapture, StringComparison.Ordinal)) return "secondary capture";
        if (sop.StartsWith(Ultrasound, StringComparison.Ordinal) || sop.StartsWith(UltrasoundRetired, StringComparison.Ordinal)) return "ultrasound";
        if (BurnedInAnnotation && string.Equals(header.GetString(BurnedIn)?.Trim(), "YES", StringComparison.OrdinalIgnoreCase)) return "BurnedInAnnotation YES";
        if (DerivedOrSecondary && header.GetValues(ImageType) is { } types
            && types.Any(t => t.Trim() is "DERIVED" or "SECONDARY")) return "ImageType " + string.Join('\\', types.Select(t => t.Trim()));
        if (RuleFlagged && detection is { Flagged: true, Decision: not Decision.Pass }) return "a rule flagged it";
        return null;
    }
}
