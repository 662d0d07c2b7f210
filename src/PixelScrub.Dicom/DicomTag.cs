using System.Globalization;

namespace PixelScrub.Dicom;

/// <summary>A data element tag (group, element) as one 32-bit value (PS3.5 7.1).</summary>
public readonly struct DicomTag : IEquatable<DicomTag>, IComparable<DicomTag>
{
    public DicomTag(ushort group, ushort element) => Value = ((uint)group << 16) | element;

    public DicomTag(uint value) => Value = value;

    public uint Value { get; }
    public ushort Group => (ushort)(Value >> 16);
    public ushort Element => (ushort)Value;

    /// <summary>Odd groups other than 0001, 0003, 0005, 0007 and FFFF are private (PS3.5 7.8.1).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0008 && Group != 0xFFFF;

    /// <summary>(gggg,0010-00FF) in a private group reserves a block (PS3.5 7.8.1).</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>(gggg,0000): the retired group length element (PS3.5 7.2).</summary>
    public bool IsGroupLength => Element == 0;

    public static readonly DicomTag FileMetaInformationGroupLength = new(0x0002, 0x0000);
    public static readonly DicomTag TransferSyntaxUID = new(0x0002, 0x0010);
    public static readonly DicomTag MediaStorageSOPClassUID = new(0x0002, 0x0002);
    public static readonly DicomTag MediaStorageSOPInstanceUID = new(0x0002, 0x0003);
    public static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);
    public static readonly DicomTag FloatPixelData = new(0x7FE0, 0x0008);
    public static readonly DicomTag DoubleFloatPixelData = new(0x7FE0, 0x0009);
    public static readonly DicomTag ExtendedOffsetTable = new(0x7FE0, 0x0001);
    public static readonly DicomTag ExtendedOffsetTableLengths = new(0x7FE0, 0x0002);
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitationItem = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitationItem = new(0xFFFE, 0xE0DD);

    /// <summary>True for the three top-level pixel data elements at which header-only reading stops.</summary>
    public bool IsPixelData => Value is 0x7FE00010 or 0x7FE00008 or 0x7FE00009;

    /// <summary>Parses "(gggg,eeee)", "gggg,eeee", "ggggeeee" or "0xggggeeee".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DicomTag tag)
    {
        tag = default;
        text = text.Trim();
        if (text.Length >= 2 && text[0] == '(' && text[^1] == ')') text = text[1..^1];
        if (text.Length >= 2 && text[0] == '[' && text[^1] == ']') text = text[1..^1];
        if (text.StartsWith("0x") || text.StartsWith("0X")) text = text[2..];
        int comma = text.IndexOf(',');
        if (comma >= 0)
        {
            if (!ushort.TryParse(text[..comma].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var g) ||
                !ushort.TryParse(text[(comma + 1)..].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var e))
            {
                return false;
            }

            tag = new DicomTag(g, e);
            return comma == 4 && text.Length == 9;
        }

        if (text.Length != 8 || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)) return false;
        tag = new DicomTag(v);
        return true;
    }

    public bool Equals(DicomTag other) => Value == other.Value;
    public override bool Equals(object? obj) => obj is DicomTag t && t.Value == Value;
    public override int GetHashCode() => (int)Value;
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);
    public static bool operator ==(DicomTag a, DicomTag b) => a.Value == b.Value;
    public static bool operator !=(DicomTag a, DicomTag b) => a.Value != b.Value;
    public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;
    public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;

    public override string ToString() => $"({Group:X4},{Element:X4})";

    /// <summary>"GGGGEEEE", as the DICOM JSON model writes tags.</summary>
    public string ToJsonKey() => Value.ToString("X8", CultureInfo.InvariantCulture);
}
