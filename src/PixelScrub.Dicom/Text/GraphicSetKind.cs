namespace PixelScrub.Dicom.Text;

/// <summary>How the bytes of one graphic character set map to characters.</summary>
internal enum GraphicSetKind
{
    /// <summary>ISO-IR 6 (ASCII) in G0.</summary>
    Ascii,

    /// <summary>ISO-IR 14, JIS X 0201 Romaji, in G0: ASCII except 05/12 YEN SIGN and 07/14 OVERLINE.</summary>
    JisRoman,

    /// <summary>A 96-character set in G1 (the upper half of an ISO 8859 part or TIS 620), one byte per character.</summary>
    SingleByte,

    /// <summary>ISO-IR 13, JIS X 0201 Katakana, in G1: 0xA1-0xDF are the half-width katakana.</summary>
    JisKatakana,

    /// <summary>A 94x94 set, two bytes per character (JIS X 0208, JIS X 0212, KS X 1001, GB 2312).</summary>
    DoubleByte,
}
