namespace PixelScrub.Dicom.Text;

/// <summary>
/// What kind of textual value is being decoded: it decides where an ISO 2022 code extension falls back to the
/// initial character set (PS3.5 6.1.2.5.3). Every kind resets at CR, LF, FF and TAB.
/// </summary>
public enum TextKind
{
    /// <summary>A value that may hold several values separated by 05/12 (<c>\</c>): SH, LO, UC and the
    /// default-repertoire string VRs.</summary>
    MultiValued,

    /// <summary>PN: resets also at the component (<c>^</c>) and component group (<c>=</c>) delimiters and at <c>\</c>.</summary>
    PersonName,

    /// <summary>LT, ST, UT: a single value; <c>\</c> is an ordinary character. Resets only at CR, LF, FF, TAB.</summary>
    Text,
}
