using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Deid;

/// <summary>
/// One element of the header as deid sees it: flattened, with the nested name of keywords joined by "__"
/// (ReferencedImageSequence__ReferencedSOPInstanceUID), the dataset holding it, and whether it is still there.
/// </summary>
internal sealed class DeidField(DicomDataset parent, DicomTag tag, string name, string keyword, DeidField? container, bool isMeta)
{
    public DicomDataset Parent { get; } = parent;
    public DicomTag Tag { get; } = tag;
    public string Name { get; } = name;
    public string Keyword { get; } = keyword;

    /// <summary>The sequence field whose item holds this one; null at the top level.</summary>
    public DeidField? Container { get; } = container;

    public bool IsMeta { get; } = isMeta;

    public bool Removed { get; set; }

    /// <summary>True while neither this field nor a sequence around it was removed.</summary>
    public bool Alive => !Removed && (Container?.Alive ?? true) && Parent.Contains(Tag);

    public DicomElement? Element => Parent.Get(Tag);

    /// <summary>Upper-case eight hex digits, as deid's stripped tag.</summary>
    public string StrippedTag => Tag.Value.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
}
