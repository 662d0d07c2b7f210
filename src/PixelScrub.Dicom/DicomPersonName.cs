namespace PixelScrub.Dicom;

/// <summary>One component group of a person name: family, given, middle, prefix, suffix (PS3.5 6.2.1.2).</summary>
public sealed record PersonNameComponents(string Family, string Given, string Middle, string Prefix, string Suffix)
{
    public static PersonNameComponents Parse(string group)
    {
        var c = group.Split('^');
        string At(int i) => i < c.Length ? c[i].Trim() : "";
        return new PersonNameComponents(At(0), At(1), At(2), At(3), At(4));
    }

    public bool IsEmpty => Family.Length + Given.Length + Middle.Length + Prefix.Length + Suffix.Length == 0;
}

/// <summary>
/// A decoded PN value: up to three component groups separated by '=' (alphabetic, ideographic, phonetic), each with five
/// components separated by '^' (PS3.5 6.2.1.2).
/// </summary>
public sealed record DicomPersonName(PersonNameComponents Alphabetic, PersonNameComponents Ideographic, PersonNameComponents Phonetic)
{
    /// <summary>Parses one decoded value (after character set decoding; values are already split on '\').</summary>
    public static DicomPersonName Parse(string value)
    {
        var groups = value.Split('=');
        string At(int i) => i < groups.Length ? groups[i] : "";
        return new DicomPersonName(PersonNameComponents.Parse(At(0)), PersonNameComponents.Parse(At(1)), PersonNameComponents.Parse(At(2)));
    }
}
