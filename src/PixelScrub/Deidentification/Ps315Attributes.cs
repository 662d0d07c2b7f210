using PixelScrub.Deidentification.Profiles;

namespace PixelScrub.Deidentification;

/// <summary>
/// The attributes DICOM PS3.15 Table E.1-1 lists as possibly identifying, with their Basic Profile action: a view of the
/// one generated table (<see cref="Ps315Table"/>, made by tools/ProfileGenerator) for the CTP script explainer.
/// </summary>
internal static class Ps315Attributes
{
    /// <summary>All single-tag attributes of the table, in tag order.</summary>
    public static IEnumerable<(uint Tag, string Name, string Basic)> All =>
        Ps315Table.Entries.Where(e => e.Mask == 0xFFFFFFFFu).Select(e => (e.Tag, e.Name, e.Basic));

    public static bool TryGet(uint tag, out string name, out string basic)
    {
        var e = Ps315Table.Find(tag);
        if (e is not null && e.Mask == 0xFFFFFFFFu)
        {
            (name, basic) = (e.Name, e.Basic);
            return true;
        }

        name = basic = "";
        return false;
    }
}
