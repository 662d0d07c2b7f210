namespace PixelScrub.Rules.Ctp;

/// <summary>
/// CTP resolves identifiers with dcm4che 1.x's tag names, which predate the standard's keywords (PS3.6
/// added keywords in 2008). They differ from keywords in a few systematic ways: "Seq" for "Sequence",
/// "Ref" for "Referenced", possessives ("PatientsName" in older toolkits) and a handful of renamed
/// attributes. This table and these rewrites map such names to today's keywords.
/// </summary>
internal static class Dcm4cheNames
{
    // Names whose modern keyword is not a mechanical rewrite.
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["PatientsMothersBirthName"] = "PatientMotherBirthName",
        ["PatientMothersBirthName"] = "PatientMotherBirthName",
        ["PatientsTelephoneNumbers"] = "PatientTelephoneNumbers",
        ["ReferringPhysiciansTelephoneNumbers"] = "ReferringPhysicianTelephoneNumbers",
        ["PatientsInstitutionResidence"] = "PatientInstitutionResidence",
        ["PatientsReligiousPreference"] = "PatientReligiousPreference",
        ["AcquisitionDatetime"] = "AcquisitionDateTime",
        ["ContentDatetime"] = "ContentDateTime",
        ["InstitutionAddr"] = "InstitutionAddress",
        ["ImageNumber"] = "InstanceNumber",
    };

    /// <summary>The keywords a dcm4che 1.x name may stand for, most likely first.</summary>
    public static IEnumerable<string> Candidates(string name)
    {
        if (Renamed.TryGetValue(name, out var renamed)) yield return renamed;

        string rewritten = name;
        if (rewritten.StartsWith("Ref", StringComparison.Ordinal) && !rewritten.StartsWith("Referenced", StringComparison.Ordinal) &&
            !rewritten.StartsWith("Referring", StringComparison.Ordinal) && !rewritten.StartsWith("Reference", StringComparison.Ordinal))
        {
            rewritten = "Referenced" + rewritten[3..];
        }

        if (rewritten.EndsWith("Seq", StringComparison.Ordinal)) rewritten += "uence";
        if (!ReferenceEquals(rewritten, name)) yield return rewritten;

        // Possessive forms: PatientsName -> PatientName, ReferringPhysiciansName -> ReferringPhysicianName.
        string possessive = rewritten.Replace("Patients", "Patient", StringComparison.Ordinal)
            .Replace("Physicians", "Physician", StringComparison.Ordinal)
            .Replace("Operators", "Operator", StringComparison.Ordinal);
        if (possessive != rewritten) yield return possessive;
    }
}
