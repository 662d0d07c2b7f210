namespace PixelScrub.Deidentification.Profiles;

/// <summary>
/// One row of PS3.15 Table E.1-1: the attribute (a tag, or a pattern such as (60xx,3000) given by a mask), its action
/// under the Basic Profile (D, Z, X, K, C, U and the compounds X/Z, X/D, Z/D, X/Z/D, X/Z/U*) and its action under each
/// option ('K' keep, 'C' clean, '\0' the option does not change it).
/// </summary>
internal sealed record Ps315Entry(
    uint Tag,
    uint Mask,
    string Name,
    string Basic,
    char FullDates = '\0',
    char ModifiedDates = '\0',
    char PatientCharacteristics = '\0',
    char DeviceIdentity = '\0',
    char Uids = '\0',
    char InstitutionIdentity = '\0',
    char Descriptors = '\0',
    char StructuredContent = '\0',
    char Graphics = '\0',
    char SafePrivate = '\0')
{
    public bool Matches(uint tag) => (tag & Mask) == Tag;
}
