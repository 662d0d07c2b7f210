using System.Buffers.Binary;
using System.Globalization;
using PixelScrub.Dicom.Text;

namespace PixelScrub.Dicom;

/// <summary>
/// Decodes and encodes the text of string VRs under a Specific Character Set (PS3.3 C.12.1.1.2, PS3.5 6.1), and
/// formats binary numbers as text.
/// </summary>
public sealed class DicomText
{
    // Parsed character sets by their (0008,0005) value: a memo of immutable values, bounded in size.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DicomText> Parsed = new(StringComparer.Ordinal);
    private const int MaxParsed = 256;

    private DicomText(DicomCharacterSet characterSet)
    {
        CharacterSet = characterSet;
    }

    /// <summary>The character set (decoding of ISO 2022 code extensions, single-byte sets, UTF-8, GB18030, GBK).</summary>
    public DicomCharacterSet CharacterSet { get; }

    /// <summary>The defined terms of (0008,0005) this was made from.</summary>
    public IReadOnlyList<string> Terms => CharacterSet.Terms;

    /// <summary>Unknown or misspelt terms and how they were read instead.</summary>
    public IReadOnlyList<string> Warnings => CharacterSet.Warnings;

    /// <summary>The default repertoire (ISO_IR 6); bytes above 0x7F are read as Latin-1 rather than lost.</summary>
    public static readonly DicomText Default = new(DicomCharacterSet.Default);

    public static DicomText FromSpecificCharacterSet(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) return Default;
        var key = string.Join('\\', terms);
        if (Parsed.TryGetValue(key, out var known)) return known;
        var text = new DicomText(DicomCharacterSet.Parse(terms));
        if (Parsed.Count < MaxParsed) Parsed.TryAdd(key, text);
        return text;
    }

    /// <summary>How the character set delimits a VR's text (PS3.5 6.1.2.5.3).</summary>
    public static TextKind KindOf(DicomVR vr) =>
        vr == DicomVR.PN ? TextKind.PersonName : vr.Kind == VRKind.LongText ? TextKind.Text : TextKind.MultiValued;

    /// <summary>Splits a string value into its values (backslash; not for LT/ST/UT/UR) and strips padding.</summary>
    public string[] DecodeValues(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var text = CharacterSet.Decode(bytes, KindOf(vr));
        if (vr.Kind == VRKind.LongText) return [TrimValue(text, vr)];
        var parts = text.Split('\\');
        for (int i = 0; i < parts.Length; i++) parts[i] = TrimValue(parts[i], vr);
        return parts;
    }

    /// <summary>Encodes multi-valued text; throws <see cref="UnsupportedInputException"/> for a character the set lacks.</summary>
    public byte[] Encode(string text) => CharacterSet.Encode(text, TextKind.MultiValued);

    /// <summary>Encodes the text of a VR; throws <see cref="UnsupportedInputException"/> for a character the set lacks.</summary>
    public byte[] Encode(string text, DicomVR vr) => CharacterSet.Encode(text, KindOf(vr));

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
