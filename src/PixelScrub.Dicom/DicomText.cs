using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace PixelScrub.Dicom;

/// <summary>
/// Decodes and encodes the text of string VRs under a Specific Character Set (PS3.3 C.12.1.1.2, PS3.5 6.1), and
/// formats binary numbers as text.
/// </summary>
public sealed class DicomText
{
    private readonly Encoding _encoding;

    private DicomText(Encoding encoding, string[] terms)
    {
        _encoding = encoding;
        Terms = terms;
    }

    /// <summary>The defined terms of (0008,0005) this was made from.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The default repertoire (ISO_IR 6); bytes above 0x7F are read as Latin-1 rather than lost.</summary>
    public static readonly DicomText Default = new(Encoding.Latin1, []);

    public static DicomText FromSpecificCharacterSet(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) return Default;
        var first = terms[0].Trim();
        if (first.Length == 0 && terms.Count > 1) first = terms[1].Trim();
        Encoding enc = first switch
        {
            "ISO_IR 192" => new UTF8Encoding(false, false),
            _ => Encoding.Latin1,
        };
        return new DicomText(enc, terms.ToArray());
    }

    /// <summary>Splits a string value into its values (backslash; not for LT/ST/UT/UR) and strips padding.</summary>
    public string[] DecodeValues(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var text = _encoding.GetString(bytes);
        if (vr.Kind == VRKind.LongText) return [TrimValue(text, vr)];
        var parts = text.Split('\\');
        for (int i = 0; i < parts.Length; i++) parts[i] = TrimValue(parts[i], vr);
        return parts;
    }

    public byte[] Encode(string text) => _encoding.GetBytes(text);

    private static string TrimValue(string s, DicomVR vr)
    {
        // PS3.5 6.2: trailing spaces (and NUL padding of UI) are insignificant; leading spaces too except for LT/ST/UT.
        s = s.TrimEnd(' ', '\0');
        return vr.Kind == VRKind.LongText || vr == DicomVR.PN ? s : s.TrimStart(' ');
    }

    /// <summary>Formats the values of a binary VR (invariant culture; AT as GGGGEEEE).</summary>
    public static string[] FormatBinary(ReadOnlySpan<byte> b, DicomVR vr, bool bigEndian)
    {
        int size = vr == DicomVR.AT ? 4 : vr.UnitSize;
        int n = b.Length / size;
        var result = new string[n];
        var ci = CultureInfo.InvariantCulture;
        for (int i = 0; i < n; i++)
        {
            var s = b.Slice(i * size, size);
            result[i] = vr.Code switch
            {
                "US" => (bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s)).ToString(ci),
                "SS" => (bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s)).ToString(ci),
                "UL" => (bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s)).ToString(ci),
                "SL" => (bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s)).ToString(ci),
                "UV" => (bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s)).ToString(ci),
                "SV" => (bigEndian ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s)).ToString(ci),
                "FL" => (bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s)).ToString("R", ci),
                "FD" => (bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s)).ToString("R", ci),
                "AT" => bigEndian
                    ? $"{BinaryPrimitives.ReadUInt16BigEndian(s):X4}{BinaryPrimitives.ReadUInt16BigEndian(s[2..]):X4}"
                    : $"{BinaryPrimitives.ReadUInt16LittleEndian(s):X4}{BinaryPrimitives.ReadUInt16LittleEndian(s[2..]):X4}",
                _ => "",
            };
        }

        return result;
    }
}
