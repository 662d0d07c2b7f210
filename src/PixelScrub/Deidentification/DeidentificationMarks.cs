using PixelScrub.Dicom;

namespace PixelScrub.Deidentification;

/// <summary>
/// The marks a de-identified file carries (PS3.15 E.1.1, PS3.3 C.12.1): Patient Identity Removed (0012,0062) YES,
/// De-identification Method (0012,0063), De-identification Method Code Sequence (0012,0064) with the CID 7050 codes
/// (113100 Basic Profile and the options applied; 113101 Clean Pixel Data when pixels were cleaned), and Burned In
/// Annotation (0028,0301) per what was done.
/// </summary>
public static class DeidentificationMarks
{
    public static readonly DicomTag PatientIdentityRemoved = new(0x0012, 0x0062);
    public static readonly DicomTag DeidentificationMethod = new(0x0012, 0x0063);
    public static readonly DicomTag DeidentificationMethodCodeSequence = new(0x0012, 0x0064);
    public static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);

    /// <summary>CID 7050 "De-identification Method" (PS3.16), scheme DCM.</summary>
    public static readonly IReadOnlyDictionary<string, string> CodeMeanings = new Dictionary<string, string>
    {
        ["113100"] = "Basic Application Confidentiality Profile",
        ["113101"] = "Clean Pixel Data Option",
        ["113102"] = "Clean Recognizable Visual Features Option",
        ["113103"] = "Clean Graphics Option",
        ["113104"] = "Clean Structured Content Option",
        ["113105"] = "Clean Descriptors Option",
        ["113106"] = "Retain Longitudinal Temporal Information Full Dates Option",
        ["113107"] = "Retain Longitudinal Temporal Information Modified Dates Option",
        ["113108"] = "Retain Patient Characteristics Option",
        ["113109"] = "Retain Device Identity Option",
        ["113110"] = "Retain UIDs Option",
        ["113111"] = "Retain Safe Private Option",
        ["113112"] = "Retain Institution Identity Option",
    };

    /// <summary>Sets Patient Identity Removed to YES.</summary>
    public static void SetPatientIdentityRemoved(DicomDataset ds) => ds.SetString(PatientIdentityRemoved, DicomVR.CS, "YES");

    /// <summary>Adds a value to De-identification Method (LO, multi-valued), unless it is there already.</summary>
    public static void AppendMethod(DicomDataset ds, string text)
    {
        var values = ds.GetValues(DeidentificationMethod) ?? [];
        if (values.Contains(text)) return;
        ds.SetString(DeidentificationMethod, DicomVR.LO, [.. values.Where(v => v.Length > 0), text]);
    }

    /// <summary>
    /// Appends an item per code to the De-identification Method Code Sequence (created when missing); a code already
    /// there is not repeated. Unknown codes get meaning "UNKNOWN" (as CTP writes them).
    /// </summary>
    public static void AddMethodCodes(DicomDataset ds, IEnumerable<string> codes, bool skipExisting = true)
    {
        var sq = ds.Get(DeidentificationMethodCodeSequence) as DicomSequence;
        if (sq is null)
        {
            sq = new DicomSequence(DeidentificationMethodCodeSequence, DicomVR.SQ, undefinedLength: true);
            ds.Set(sq);
        }

        var present = new HashSet<string>(sq.Items.Select(i => i.GetString(new DicomTag(0x0008, 0x0100)) ?? ""));
        foreach (var code in codes)
        {
            if (skipExisting && !present.Add(code)) continue;
            sq.Items.Add(CodeItem(ds, code));
        }

        ds.MarkModified();
    }

    /// <summary>One code item: (0008,0100) value, (0008,0102) DCM, (0008,0104) meaning.</summary>
    internal static DicomDataset CodeItem(DicomDataset parent, string code)
    {
        var item = new DicomDataset(parent.BigEndian, parent) { UndefinedLength = true };
        bool known = CodeMeanings.TryGetValue(code, out var meaning);
        item.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, code);
        item.SetString(new DicomTag(0x0008, 0x0102), DicomVR.SH, known ? "DCM" : "UNKNOWN");
        item.SetString(new DicomTag(0x0008, 0x0104), DicomVR.LO, known ? meaning! : "UNKNOWN");
        return item;
    }

    /// <summary>
    /// After pixel cleaning: 113101 Clean Pixel Data in the code sequence, and Burned In Annotation NO (the regions the
    /// rules named were cleaned).
    /// </summary>
    public static void MarkPixelsCleaned(DicomDataset ds)
    {
        AddMethodCodes(ds, ["113101"]);
        ds.SetString(BurnedInAnnotation, DicomVR.CS, "NO");
    }
}
