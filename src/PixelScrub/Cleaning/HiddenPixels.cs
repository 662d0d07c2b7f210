using PixelScrub.Dicom;

namespace PixelScrub.Cleaning;

/// <summary>
/// Other places pixels hide: Icon Image Sequences (0088,0200, at any depth) and overlay planes (60xx groups,
/// PS3.3 C.9.2). Neither CTP nor deid looks at them.
/// </summary>
internal static class HiddenPixels
{
    public static readonly DicomTag IconImageSequence = new(0x0088, 0x0200);

    /// <summary>True for an element of an overlay group: even groups 6000-601E (PS3.5 7.6).</summary>
    public static bool IsOverlayElement(DicomTag tag) => tag.Group >= 0x6000 && tag.Group <= 0x601E && (tag.Group & 1) == 0;

    /// <summary>The overlay groups present (6000, 6002, ...).</summary>
    public static IReadOnlyList<ushort> OverlayGroups(DicomDataset ds) =>
        ds.Where(e => IsOverlayElement(e.Tag) && e.Tag.Element == 0x3000).Select(e => e.Tag.Group).Distinct().ToArray();

    /// <summary>
    /// True when the dataset has no image at all: no Pixel Data (nor Float or Double Float Pixel Data), no overlay
    /// plane, no icon (a structured report, a presentation state). Nothing in it can carry burned-in text.
    /// </summary>
    public static bool NoImage(DicomDataset ds) =>
        Pixels.PixelDataDescription.FindPixelElement(ds) is null && OverlayGroups(ds).Count == 0 && CountIcons(ds) == 0;

    /// <summary>How many Icon Image Sequences the dataset holds at any depth.</summary>
    public static int CountIcons(DicomDataset ds)
    {
        int n = 0;
        foreach (var e in ds)
        {
            if (e.Tag == IconImageSequence) n++;
            if (e is DicomSequence s)
            {
                foreach (var item in s.Items) n += CountIcons(item);
            }
        }

        return n;
    }

    /// <summary>Removes every Icon Image Sequence at any depth; returns how many.</summary>
    public static int RemoveIcons(DicomDataset ds)
    {
        int n = ds.Remove(IconImageSequence) ? 1 : 0;
        foreach (var e in ds)
        {
            if (e is DicomSequence s)
            {
                foreach (var item in s.Items) n += RemoveIcons(item);
            }
        }

        return n;
    }

    /// <summary>Notes for the report on a file that is passed: icons and overlays it carries.</summary>
    public static IReadOnlyList<string> Describe(DicomDataset ds)
    {
        var notes = new List<string>();
        int icons = CountIcons(ds);
        if (icons > 0) notes.Add($"{icons} Icon Image Sequence(s) present");
        foreach (var g in OverlayGroups(ds)) notes.Add($"overlay plane {g:X4} present");
        return notes;
    }
}
