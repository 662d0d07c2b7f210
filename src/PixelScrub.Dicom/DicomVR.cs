namespace PixelScrub.Dicom;

/// <summary>The kind of value a VR holds, which decides how it is decoded and padded.</summary>
public enum VRKind
{
    /// <summary>Character string, multi-valued by backslash (AE, AS, CS, DA, DS, DT, IS, LO, PN, SH, TM, UC, UI).</summary>
    Text,

    /// <summary>Character string that may contain backslash and is single valued (LT, ST, UT, UR).</summary>
    LongText,

    /// <summary>Fixed-size binary numbers (US, SS, UL, SL, FL, FD, UV, SV, AT).</summary>
    Binary,

    /// <summary>Byte or word streams (OB, OW, OF, OD, OL, OV, UN).</summary>
    Bulk,

    /// <summary>Sequence of items.</summary>
    Sequence,
}

/// <summary>A value representation (PS3.5 6.2): a closed set of instances carrying their own facts.</summary>
public sealed class DicomVR
{
    private DicomVR(string code, VRKind kind, bool longLength, byte padding, int size, bool textUsesCharset = false)
    {
        Code = code;
        Kind = kind;
        HasLongLength = longLength;
        Padding = padding;
        UnitSize = size;
        UsesCharacterSet = textUsesCharset;
        Key = (ushort)((code[0] << 8) | code[1]);
    }

    public string Code { get; }
    public VRKind Kind { get; }

    /// <summary>Explicit VR encodings use 2 reserved bytes and a 32-bit length for these (PS3.5 7.1.2).</summary>
    public bool HasLongLength { get; }

    /// <summary>Padding byte for odd-length values: NUL for UI and binary, space for text (PS3.5 6.2).</summary>
    public byte Padding { get; }

    /// <summary>Size of one binary unit (2 for US/OW, 4 for UL/FL/OF, 8 for FD/OD...; 1 otherwise). Drives byte swapping.</summary>
    public int UnitSize { get; }

    /// <summary>True for VRs whose text is decoded with the Specific Character Set (SH, LO, ST, LT, UC, UT, PN).</summary>
    public bool UsesCharacterSet { get; }

    internal ushort Key { get; }

    public bool IsString => Kind is VRKind.Text or VRKind.LongText;

    public static readonly DicomVR AE = new("AE", VRKind.Text, false, 0x20, 1);
    public static readonly DicomVR AS = new("AS", VRKind.Text, false, 0x20, 1);
    public static readonly DicomVR AT = new("AT", VRKind.Binary, false, 0, 2);
    public static readonly DicomVR CS = new("CS", VRKind.Text, false, 0x20, 1);
    public static readonly DicomVR DA = new("DA", VRKind.Text, false, 0x20, 1);
    public static readonly DicomVR DS = new("DS", VRKind.Text, false, 0x20, 1);
    public static readonly DicomVR DT = new("DT", VRKind.Text, false, 0x20, 1);
    public static readonly DicomVR FD = new("FD", VRKind.Binary, false, 0, 8);
    public static readonly DicomVR FL = new("FL", VRKind.Binary, false, 0, 4);
    public static readonly DicomVR IS = new("IS", VRKind.Text, false, 0x20, 1);
    public static readonly DicomVR LO = new("LO", VRKind.Text, false, 0x20, 1, true);
    public static readonly DicomVR LT = new("LT", VRKind.LongText, false, 0x20, 1, true);
    public static readonly DicomVR OB = new("OB", VRKind.Bulk, true, 0, 1);
    public static readonly DicomVR OD = new("OD", VRKind.Bulk, true, 0, 8);
    public static readonly DicomVR OF = new("OF", VRKind.Bulk, true, 0, 4);
    public static readonly DicomVR OL = new("OL", VRKind.Bulk, true, 0, 4);
    public static readonly DicomVR OV = new("OV", VRKind.Bulk, true, 0, 8);
    public static readonly DicomVR OW = new("OW", VRKind.Bulk, true, 0, 2);
    public static readonly DicomVR PN = new("PN", VRKind.Text, false, 0x20, 1, true);
    public static readonly DicomVR SH = new("SH", VRKind.Text, false, 0x20, 1, true);
    public static readonly DicomVR SL = new("SL", VRKind.Binary, false, 0, 4);
    public static readonly DicomVR SQ = new("SQ", VRKind.Sequence, true, 0, 1);
    public static readonly DicomVR SS = new("SS", VRKind.Binary, false, 0, 2);
    public static readonly DicomVR ST = new("ST", VRKind.LongText, false, 0x20, 1, true);
    public static readonly DicomVR SV = new("SV", VRKind.Binary, true, 0, 8);
    public static readonly DicomVR TM = new("TM", VRKind.Text, false, 0x20, 1);
    public static readonly DicomVR UC = new("UC", VRKind.Text, true, 0x20, 1, true);
    public static readonly DicomVR UI = new("UI", VRKind.Text, false, 0x00, 1);
    public static readonly DicomVR UL = new("UL", VRKind.Binary, false, 0, 4);
    public static readonly DicomVR UN = new("UN", VRKind.Bulk, true, 0, 1);
    public static readonly DicomVR UR = new("UR", VRKind.LongText, true, 0x20, 1);
    public static readonly DicomVR US = new("US", VRKind.Binary, false, 0, 2);
    public static readonly DicomVR UT = new("UT", VRKind.LongText, true, 0x20, 1, true);
    public static readonly DicomVR UV = new("UV", VRKind.Binary, true, 0, 8);

    /// <summary>Items and delimiters have no VR.</summary>
    public static readonly DicomVR None = new("--", VRKind.Bulk, true, 0, 1);

    private static readonly DicomVR[] All =
        [AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV];

    private static readonly Dictionary<ushort, DicomVR> ByKey = All.ToDictionary(v => v.Key);

    /// <summary>Looks up the two VR bytes of an explicit VR element.</summary>
    public static bool TryGet(byte first, byte second, out DicomVR vr) =>
        ByKey.TryGetValue((ushort)((first << 8) | second), out vr!);

    public static bool TryParse(string code, out DicomVR vr)
    {
        vr = null!;
        return code.Length == 2 && ByKey.TryGetValue((ushort)((code[0] << 8) | code[1]), out vr!);
    }

    public override string ToString() => Code;
}
