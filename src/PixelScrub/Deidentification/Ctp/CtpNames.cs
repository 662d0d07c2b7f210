using System.Globalization;
using System.Text.RegularExpressions;
using PixelScrub.Dicom;
using PixelScrub.Rules.Ctp;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>
/// Finds the element a function argument names (CTP's DicomObject rules): `this`, a dcm4che name or keyword, hex
/// `gggg,eeee` / `ggggeeee` / `(gggg,eeee)` / `[gggg,eeee]`, private `gggg[creator]ee`, `root:` for the top-level dataset
/// and `A::B` for B in the first item of sequence A.
/// </summary>
internal static partial class CtpNames
{
    [GeneratedRegex(@"^\[?([0-9A-Fa-f]{4})\[(.+)\]([0-9A-Fa-f]{2})\]?$")]
    private static partial Regex PrivateName();

    /// <summary>The dataset and tag an argument names, or false when it names nothing in this dataset.</summary>
    public static bool TryResolve(string name, DicomTag thisTag, DicomDataset current, DicomDataset root, out DicomDataset dataset, out DicomTag tag)
    {
        name = name.Trim();
        dataset = current;
        tag = default;
        if (name.StartsWith("root:", StringComparison.Ordinal))
        {
            dataset = root;
            name = name[5..].Trim();
        }

        var parts = name.Split("::");
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (!TryTag(parts[i], thisTag, dataset, out var sqTag)) return false;
            var items = dataset.GetItems(sqTag);
            if (items is null || items.Count == 0) return false;
            dataset = items[0];
        }

        return TryTag(parts[^1], thisTag, dataset, out tag);
    }

    /// <summary>The tag a single name stands for (no dataset needed except for private creators).</summary>
    public static bool TryTag(string name, DicomTag thisTag, DicomDataset dataset, out DicomTag tag)
    {
        name = name.Trim();
        tag = default;
        if (name == "this")
        {
            tag = thisTag;
            return true;
        }

        if (DicomTag.TryParse(name, out tag)) return true;
        var m = PrivateName().Match(name);
        if (m.Success)
        {
            var group = ushort.Parse(m.Groups[1].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            var element = byte.Parse(m.Groups[3].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            return dataset.TryFindPrivateTag(group, m.Groups[2].Value, element, out tag);
        }

        if (DicomDictionary.TryGetTag(name, out tag)) return true;
        foreach (var candidate in Dcm4cheNames.Candidates(name))
        {
            if (DicomDictionary.TryGetTag(candidate, out tag)) return true;
        }

        return false;
    }
}
