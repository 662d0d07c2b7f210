namespace PixelScrub.Deidentification.Profiles;

/// <summary>The options of the Basic Application Level Confidentiality Profile (PS3.15 E.3) PixelScrub offers.</summary>
internal enum Ps315Option
{
    RetainLongitudinalFullDates,
    RetainLongitudinalModifiedDates,
    RetainPatientCharacteristics,
    RetainDeviceIdentity,
    RetainUids,
    RetainInstitutionIdentity,
    CleanDescriptors,
    CleanStructuredContent,
    CleanGraphics,
}
