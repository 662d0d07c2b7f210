namespace PixelScrub.Rules;

/// <summary>
/// What rule evaluation reads from a header. Tags are (group &lt;&lt; 16 | element). Implemented over the DICOM
/// dataset for real files and over plain dictionaries in tests.
/// </summary>
public interface IHeaderValues
{
    /// <summary>
    /// The values of an element: null when the element is missing, an empty array when it is present with no
    /// value. Text is decoded and trimmed of padding; binary numbers are formatted invariantly.
    /// </summary>
    string[]? GetValues(uint tag);

    /// <summary>The items of a sequence element; null when missing or not a sequence.</summary>
    IReadOnlyList<IHeaderValues>? GetItems(uint tag);

    /// <summary>Finds the tag of a private element by its group, private creator and element byte.</summary>
    bool TryFindPrivateTag(ushort group, string creator, byte element, out uint tag);
}
