using System.Buffers.Binary;
using System.Globalization;
using PixelScrub.Dicom;

namespace PixelScrub.Deidentification;

/// <summary>
/// Turns a new value (text, values separated by backslash) into an element of a given VR, checking that it fits the VR
/// (PS3.5 6.2: length, character repertoire, format). A value that does not fit is refused with a reason naming the
/// element, so the file is quarantined rather than written malformed.
/// </summary>
internal static class ValueEncoder
{
    /// <summary>
    /// The VR to store a new value with: the element's own, or for an element read as UN (or a new one) the dictionary's,
    /// else LO (64 characters or fewer) or LT for private data elements (what CTP does).
    /// </summary>
    public static DicomVR StorageVR(DicomTag tag, DicomVR? current, string value)
    {
        // A private data element gets LO (64 characters or fewer) or LT whatever it was (CTP's rule without its private
        // dictionary): its old VR belongs to another meaning.
        if (tag.IsPrivate && !tag.IsPrivateCreator) return value.Length <= 64 ? DicomVR.LO : DicomVR.LT;
        if (current is not null && current != DicomVR.UN) return current;
        if (DicomDictionary.TryGetEntry(tag, out var entry) && entry.DefaultVR != DicomVR.UN) return entry.DefaultVR;
        if (tag.IsPrivateCreator) return DicomVR.LO;
        return value.Length <= 64 ? DicomVR.LO : DicomVR.LT;
    }

    /// <summary>Builds the element; false with a reason ("(0008,0020) StudyDate: ... does not fit DA") when it does not fit.</summary>
    public static bool TryEncode(DicomDataset target, DicomTag tag, DicomVR vr, string value, out DicomElement element, out string error)
    {
        element = null!;
        error = "";
        if (vr.Kind is VRKind.Sequence or VRKind.Bulk)
        {
            if (value.Length == 0)
            {
                element = new DicomElement(tag, vr, ElementValue.Empty);
                return true;
            }

            error = $"{Describe(tag)}: a text value cannot be stored as {vr.Code}";
            return false;
        }

        string[] values = vr.Kind == VRKind.LongText ? [value] : value.Split('\\');
        if (value.Length > 0)
        {
            foreach (var v in values)
            {
                var problem = Check(vr, v);
                if (problem is not null)
                {
                    error = $"{Describe(tag)}: new value \"{Shorten(v)}\" does not fit VR {vr.Code} ({problem})";
                    return false;
                }
            }
        }

        byte[] bytes;
        if (vr.Kind == VRKind.Binary)
        {
            bytes = value.Length == 0 ? [] : EncodeBinary(vr, values, target.BigEndian);
        }
        else
        {
            try
            {
                bytes = (vr.UsesCharacterSet ? target.CharacterSet : DicomText.Default).Encode(value, vr);
            }
            catch (UnsupportedInputException ex)
            {
                error = $"{Describe(tag)}: new value cannot be encoded in the file's character set: {ex.Message}";
                return false;
            }

            if ((bytes.Length & 1) == 1)
            {
                Array.Resize(ref bytes, bytes.Length + 1);
                bytes[^1] = vr.Padding;
            }
        }

        element = new DicomElement(tag, vr, ElementValue.FromBytes(bytes));
        return true;
    }

    /// <summary>"(0010,0010) PatientName", or the tag alone when the dictionary does not know it.</summary>
    public static string Describe(DicomTag tag)
    {
        var keyword = DicomDictionary.KeywordOf(tag);
        return keyword is null ? tag.ToString() : $"{tag} {keyword}";
    }

    private static string Shorten(string v) => v.Length <= 40 ? v : v[..40] + "...";

    /// <summary>Null when one value fits the VR; otherwise what is wrong (PS3.5 Table 6.2-1).</summary>
    internal static string? Check(DicomVR vr, string v)
    {
        switch (vr.Code)
        {
            case "AE": return MaxLength(v, 16) ?? NoControl(v);
            case "AS": return v.Length == 0 || (v.Length == 4 && char.IsAsciiDigit(v[0]) && char.IsAsciiDigit(v[1]) && char.IsAsciiDigit(v[2]) && "DWMY".Contains(v[3])) ? null : "not nnnD, nnnW, nnnM or nnnY";
            case "CS":
                return MaxLength(v, 16) ?? (v.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '_') ? null : "only upper case letters, digits, space and underscore");
            case "DA": return v.Length == 0 || (v.Length == 8 && v.All(char.IsAsciiDigit)) ? null : "not YYYYMMDD";
            case "DS":
                return MaxLength(v, 16) ?? (v.Trim().Length == 0 || double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) && v.Trim().All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'e' or 'E') ? null : "not a decimal number");
            case "DT": return MaxLength(v, 26) ?? (v.Length == 0 || IsDateTime(v) ? null : "not YYYYMMDDHHMMSS.FFFFFF&ZZXX");
            case "IS":
                return MaxLength(v, 12) ?? (v.Trim().Length == 0 || long.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is >= int.MinValue and <= int.MaxValue ? null : "not an integer string");
            case "LO": return MaxLength(v, 64) ?? NoControl(v);
            case "SH": return MaxLength(v, 16) ?? NoControl(v);
            case "LT": return MaxLength(v, 10240);
            case "ST": return MaxLength(v, 1024);
            case "UT" or "UC" or "UR": return null;
            case "PN":
                return v.Split('=').Any(g => g.Length > 64) ? "a component group is longer than 64 characters" : v.Split('=').Length > 3 ? "more than three component groups" : NoControl(v);
            case "TM": return MaxLength(v, 16) ?? (v.Length == 0 || IsTime(v) ? null : "not HHMMSS.FFFFFF");
            case "UI":
                return MaxLength(v, 64) ?? (v.Length == 0 || IsUid(v) ? null : "not digits and dots without leading zeros");
            case "US": return Integer(v, 0, ushort.MaxValue);
            case "SS": return Integer(v, short.MinValue, short.MaxValue);
            case "UL": return Integer(v, 0, uint.MaxValue);
            case "SL": return Integer(v, int.MinValue, int.MaxValue);
            case "UV": return ulong.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "not an unsigned 64-bit integer";
            case "SV": return long.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : "not a signed 64-bit integer";
            case "FL" or "FD": return double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "not a number";
            case "AT": return v.Trim().Length == 8 && uint.TryParse(v.Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _) ? null : "not GGGGEEEE";
            default: return null;
        }
    }

    private static string? MaxLength(string v, int max) => v.Length > max ? $"longer than {max} characters" : null;

    private static string? NoControl(string v) => v.Any(c => c < ' ' && c != '\u001b') ? "contains control characters" : null;

    private static string? Integer(string v, long min, long max) =>
        long.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? null : $"not an integer from {min} to {max}";

    private static bool IsUid(string v)
    {
        foreach (var part in v.Split('.'))
        {
            if (part.Length == 0 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0')) return false;
        }

        return true;
    }

    private static bool IsTime(string v)
    {
        var main = v;
        int dot = v.IndexOf('.');
        if (dot >= 0)
        {
            var frac = v[(dot + 1)..];
            if (frac.Length is 0 or > 6 || !frac.All(char.IsAsciiDigit) || dot != 6) return false;
            main = v[..dot];
        }

        return main.Length is 2 or 4 or 6 && main.All(char.IsAsciiDigit);
    }

    private static bool IsDateTime(string v)
    {
        var main = v;
        int z = v.IndexOfAny(['+', '-']);
        if (z >= 0)
        {
            var offset = v[(z + 1)..];
            if (offset.Length != 4 || !offset.All(char.IsAsciiDigit)) return false;
            main = v[..z];
        }

        int dot = main.IndexOf('.');
        var digits = dot >= 0 ? main[..dot] : main;
        if (dot >= 0 && (dot != 14 || main.Length - dot - 1 is 0 or > 6 || !main[(dot + 1)..].All(char.IsAsciiDigit))) return false;
        return digits.Length is 4 or 6 or 8 or 10 or 12 or 14 && digits.All(char.IsAsciiDigit);
    }

    private static byte[] EncodeBinary(DicomVR vr, string[] values, bool bigEndian)
    {
        int size = vr == DicomVR.AT ? 4 : vr.UnitSize;
        var bytes = new byte[values.Length * size];
        var ci = CultureInfo.InvariantCulture;
        for (int i = 0; i < values.Length; i++)
        {
            var s = bytes.AsSpan(i * size, size);
            var t = values[i].Trim();
            switch (vr.Code)
            {
                case "US": if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, ushort.Parse(t, ci)); else BinaryPrimitives.WriteUInt16LittleEndian(s, ushort.Parse(t, ci)); break;
                case "SS": if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(s, short.Parse(t, ci)); else BinaryPrimitives.WriteInt16LittleEndian(s, short.Parse(t, ci)); break;
                case "UL": if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, uint.Parse(t, ci)); else BinaryPrimitives.WriteUInt32LittleEndian(s, uint.Parse(t, ci)); break;
                case "SL": if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(s, int.Parse(t, ci)); else BinaryPrimitives.WriteInt32LittleEndian(s, int.Parse(t, ci)); break;
                case "UV": if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(s, ulong.Parse(t, ci)); else BinaryPrimitives.WriteUInt64LittleEndian(s, ulong.Parse(t, ci)); break;
                case "SV": if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(s, long.Parse(t, ci)); else BinaryPrimitives.WriteInt64LittleEndian(s, long.Parse(t, ci)); break;
                case "FL":
                    var f = float.Parse(t, NumberStyles.Float, ci);
                    if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(s, f); else BinaryPrimitives.WriteSingleLittleEndian(s, f);
                    break;
                case "FD":
                    var d = double.Parse(t, NumberStyles.Float, ci);
                    if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(s, d); else BinaryPrimitives.WriteDoubleLittleEndian(s, d);
                    break;
                case "AT":
                    var tag = uint.Parse(t, NumberStyles.AllowHexSpecifier, ci);
                    if (bigEndian)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)(tag >> 16));
                        BinaryPrimitives.WriteUInt16BigEndian(s[2..], (ushort)tag);
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)(tag >> 16));
                        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], (ushort)tag);
                    }

                    break;
            }
        }

        return bytes;
    }
}
