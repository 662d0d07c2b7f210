namespace PixelScrub.Deidentification.Profiles;

/// <summary>
/// What the profile does to one attribute once the options are applied (PS3.15 E.1-1 action codes). The compound codes
/// resolve to the choice that keeps the attribute present, because PixelScrub does not know each IOD's attribute types:
/// X/Z becomes Z, X/D, Z/D and X/Z/D become D, so a Type 1 or 2 attribute never disappears (on a sequence, every
/// compound empties it, and X/Z/U* keeps its items with their UIDs replaced).
/// </summary>
internal enum Ps315Action
{
    /// <summary>K: kept (a sequence's items are still processed).</summary>
    Keep,

    /// <summary>X: removed.</summary>
    Remove,

    /// <summary>Z: zero length (a sequence: no items).</summary>
    Empty,

    /// <summary>D: a dummy value of the VR (a sequence: items kept and processed).</summary>
    Dummy,

    /// <summary>U: a new UID from the keyed hash, the same in every file.</summary>
    Uid,

    /// <summary>C: cleaned: dates shifted, text stripped of the patient's identifiers, UIDs replaced, sequences processed.</summary>
    Clean,

    /// <summary>X/Z/U* on a sequence: kept, with the UIDs of its items replaced.</summary>
    KeepItems,
}
