namespace PixelScrub.Deidentification;

/// <summary>The attributes DICOM PS3.15 Table E.1-1 lists as possibly identifying, with their Basic Profile action.</summary>
internal static partial class Ps315Attributes
{
    // Built on first use: a field initialiser here could run before the generated table's (partial classes).
    private static Dictionary<uint, (string Name, string Basic)>? _byTag;

    private static Dictionary<uint, (string Name, string Basic)> ByTag => _byTag ??= Table.ToDictionary(r => r.Tag, r => (r.Name, r.Basic));

    /// <summary>All single-tag attributes of the table, in tag order.</summary>
    public static IEnumerable<(uint Tag, string Name, string Basic)> All => Table;

    public static bool TryGet(uint tag, out string name, out string basic)
    {
        if (ByTag.TryGetValue(tag, out var e))
        {
            (name, basic) = e;
            return true;
        }

        name = basic = "";
        return false;
    }
}
