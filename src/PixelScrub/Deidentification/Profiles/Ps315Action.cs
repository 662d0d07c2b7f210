namespace PixelScrub.Deidentification.Profiles;

/// <summary>
/// What the profile does to one attribute once the options are applied (PS3.15 E.1-1 action codes). The compound codes
/// resolve to the choice that keeps the attribute present, because PixelScrub does not know each IOD's attribute types:
/// X/Z becomes Z, X/D, Z/D and X/Z/D become D, so a Type 1 or 2 attribute never disappears. On a sequence a compound
/// keeps the items and processes them (references get their new UIDs), except sequences that identify a person or an
/// institution, which are removed.
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

    /// <summary>A compound action on a sequence: kept, its items processed by the table (UIDs replaced).</summary>
    KeepItems,
}
