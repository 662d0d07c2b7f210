using System.Buffers.Binary;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PixelScrub.Dicom.Json;

/// <summary>
/// Writes a dataset as the DICOM JSON model (PS3.18 F.2): an object keyed by "GGGGEEEE" with "vr" and "Value"
/// (or "BulkDataURI"); PN values as objects of component groups; IS and DS as JSON numbers (DS keeps the digits
/// of its text); AT as "GGGGEEEE"; sequences as arrays of objects; empty values without "Value". Text is decoded
/// with the Specific Character Set in force for each item. The file meta group is not part of the model.
/// </summary>
public static class DicomJsonWriter
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>Where the elements being written came from, for bulk data locations.</summary>
    private readonly record struct Source(string? Path, bool Implicit, bool OffsetsValid);

    /// <summary>The dataset of a file as a JSON string.</summary>
    public static string ToJson(DicomFile file, DicomJsonOptions? options = null)
    {
        using var buffer = new MemoryStream();
        Write(buffer, file, options);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the dataset of a file as UTF-8 JSON to a stream.</summary>
    public static void Write(Stream stream, DicomFile file, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        using var writer = new Utf8JsonWriter(stream, options.Indented ? Indented : Compact);
        Write(writer, file, options);
    }

    /// <summary>Writes the dataset of a file as one JSON object. A header-only read lists the pixel data element it
    /// stopped at as bulk data.</summary>
    public static void Write(Utf8JsonWriter writer, DicomFile file, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        var source = new Source(file.Path, !file.TransferSyntax.IsExplicitVR, file.Path is not null && !file.TransferSyntax.IsDeflated);
        writer.WriteStartObject();
        WriteElements(writer, file.Dataset, options, source);
        if (file.PixelDataInfo is { } pixels)
        {
            WriteTag(writer, pixels.Tag);
            writer.WriteStartObject();
            writer.WriteString("vr"u8, pixels.VR.Code);
            if (pixels.Length != 0 && source.OffsetsValid)
            {
                WriteBulk(writer, options, new DicomBulkDataLocation(pixels.Tag, source.Path!, pixels.ValueOffset, pixels.Length));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Writes a dataset (or item) as one JSON object. Bulk data URIs are given for values that stay in
    /// their source file; other bulk values are listed without one.</summary>
    public static void Write(Utf8JsonWriter writer, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        writer.WriteStartObject();
        WriteElements(writer, dataset, options, new Source(null, false, false));
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteElements(Utf8JsonWriter writer, DicomDataset dataset, DicomJsonOptions options, Source source)
    {
        foreach (var element in dataset)
        {
            // Group lengths are an encoding detail, not part of the model (dcm2json leaves them out too).
            if (element.Tag.IsGroupLength && !options.IncludeGroupLengths) continue;
            WriteTag(writer, element.Tag);
            writer.WriteStartObject();
            switch (element)
            {
                case DicomSequence sequence:
                    WriteSequence(writer, sequence, options, source);
                    break;
                case DicomFragments fragments:
                    writer.WriteString("vr"u8, fragments.VR.Code);
                    WriteBulk(writer, options, Locate(fragments, source));
                    break;
                default:
                    var vr = ResolvedVR(dataset, element, source);
                    writer.WriteString("vr"u8, vr.Code);
                    WriteValue(writer, dataset, element, vr, options, source);
                    break;
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteSequence(Utf8JsonWriter writer, DicomSequence sequence, DicomJsonOptions options, Source source)
    {
        // A UN element of undefined length holding items is a sequence (PS3.5 6.2.2) and is shown as one.
        writer.WriteString("vr"u8, "SQ"u8);
        if (sequence.Items.Count == 0) return;
        var itemSource = sequence.ItemsImplicitLittleEndian ? source with { Implicit = true } : source;
        writer.WritePropertyName("Value"u8);
        writer.WriteStartArray();
        foreach (var item in sequence.Items)
        {
            writer.WriteStartObject();
            WriteElements(writer, item, options, itemSource);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// The VR to show. An implicit VR file does not say whether a "US or SS" element is signed; as PS3.5 A.1 and
    /// PS3.6 intend, Pixel Representation (0028,0103) decides (1: SS). LUT descriptors stay US: their first and
    /// third values are always unsigned, and DCMTK reads them so too.
    /// </summary>
    private static DicomVR ResolvedVR(DicomDataset dataset, DicomElement element, Source source)
    {
        if (!source.Implicit || element.VR != DicomVR.US) return element.VR;
        if (!DicomDictionary.TryGetEntry(element.Tag, out var entry) || entry.VR != "US or SS") return element.VR;
        if (element.Tag.Value is 0x00281100 or 0x00281101 or 0x00281102 or 0x00281103 or 0x00281111 or 0x00281112
            or 0x00281113 or 0x00283002)
        {
            return element.VR;
        }

        for (var d = dataset; d is not null; d = d.Parent)
        {
            var representation = d.Get(PixelRepresentation);
            if (representation is null) continue;
            var bytes = representation.Value.GetBytes().Span;
            if (bytes.Length < 2) break;
            ushort value = d.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
            return value == 1 ? DicomVR.SS : DicomVR.US;
        }

        return element.VR;
    }

    private static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);

    private static void WriteValue(Utf8JsonWriter writer, DicomDataset dataset, DicomElement element, DicomVR vr, DicomJsonOptions options, Source source)
    {
        if (element.Value.Length == 0) return;
        switch (vr.Kind)
        {
            case VRKind.Bulk:
            case VRKind.Sequence:
                if (options.BulkData == DicomJsonBulkData.InlineBinary && element.Value.Length <= options.InlineBinaryLimit)
                {
                    WriteInline(writer, element, vr, dataset.BigEndian);
                    return;
                }

                WriteBulk(writer, options, Locate(element, source));
                return;
            case VRKind.Binary:
                WriteBinary(writer, element, vr, dataset.BigEndian);
                return;
        }

        // Strings: decoded with the character set in force (inherited from enclosing datasets), padding removed.
        var values = dataset.ValuesOf(element);
        if (vr == DicomVR.PN)
        {
            for (int i = 0; i < values.Length; i++) values[i] = NormalizePersonName(values[i]);
        }

        // A value made only of padding is empty: no "Value" (PS3.18 F.2.5).
        if (Array.TrueForAll(values, v => v.Length == 0)) return;
        writer.WritePropertyName("Value"u8);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            if (vr == DicomVR.PN) WritePersonName(writer, value);
            else if (value.Length == 0) writer.WriteNullValue();
            else if (vr == DicomVR.DS) WriteDecimalString(writer, value);
            else if (vr == DicomVR.IS) WriteIntegerString(writer, value);
            else writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Removes trailing empty components of each component group and trailing empty groups: PS3.5 6.2.1 makes
    /// "A^B^^" and "A^B" the same name. Leading and inner empty components stay.
    /// </summary>
    internal static string NormalizePersonName(string value)
    {
        if (value.Length == 0 || (!value.Contains('^') && !value.Contains('=') && !value.EndsWith(' '))) return value;
        var groups = value.Split('=');
        int last = -1;
        for (int g = 0; g < groups.Length; g++)
        {
            groups[g] = groups[g].TrimEnd(' ', '^');
            if (groups[g].Length > 0) last = g;
        }

        return last < 0 ? "" : string.Join('=', groups, 0, last + 1);
    }

    /// <summary>PS3.18 F.2.2: a PN value is an object with the non-empty component groups.</summary>
    private static void WritePersonName(Utf8JsonWriter writer, string value)
    {
        if (value.Length == 0)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        var rest = value.AsSpan();
        ReadOnlySpan<string> names = ["Alphabetic", "Ideographic", "Phonetic"];
        for (int group = 0; group < 3; group++)
        {
            int cut = group < 2 ? rest.IndexOf('=') : -1;
            var text = cut < 0 ? rest : rest[..cut];
            if (text.Length > 0) writer.WriteString(names[group], text);
            if (cut < 0) break;
            rest = rest[(cut + 1)..];
        }

        writer.WriteEndObject();
    }

    /// <summary>DS as a JSON number: the text itself when it is already a JSON number, else its value.</summary>
    private static void WriteDecimalString(Utf8JsonWriter writer, string value)
    {
        var text = value.AsSpan().Trim(' ');
        if (IsJsonNumber(text))
        {
            writer.WriteRawValue(text, skipInputValidation: true);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            writer.WriteNumberValue(d);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static void WriteIntegerString(Utf8JsonWriter writer, string value)
    {
        var text = value.AsSpan().Trim(' ');
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) writer.WriteNumberValue(n);
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)) writer.WriteNumberValue(d);
        else writer.WriteStringValue(value);
    }

    /// <summary>The JSON number grammar (RFC 8259 section 6): -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (i < s.Length && s[i] == '-') i++;
        if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
        if (s[i] == '0') i++;
        else while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }

        return i == s.Length;
    }

    private static void WriteBinary(Utf8JsonWriter writer, DicomElement element, DicomVR vr, bool bigEndian)
    {
        int size = vr == DicomVR.AT ? 4 : vr.UnitSize;
        var bytes = element.Value.GetBytes().Span;
        int count = bytes.Length / size;
        if (count == 0) return;
        writer.WritePropertyName("Value"u8);
        writer.WriteStartArray();
        Span<char> tag = stackalloc char[8];
        for (int i = 0; i < count; i++)
        {
            var b = bytes.Slice(i * size, size);
            switch (vr.Code)
            {
                case "US": writer.WriteNumberValue(bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b)); break;
                case "SS": writer.WriteNumberValue(bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b)); break;
                case "UL": writer.WriteNumberValue(bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b)); break;
                case "SL": writer.WriteNumberValue(bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b)); break;
                case "UV":
                    ulong uv = bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);
                    // PS3.18 F.2.3.1: 64-bit integers beyond what a JSON (IEEE double) number holds exactly are strings.
                    if (uv <= MaxExactInteger) writer.WriteNumberValue(uv);
                    else writer.WriteStringValue(uv.ToString(CultureInfo.InvariantCulture));
                    break;
                case "SV":
                    long sv = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b);
                    if (sv is >= -(long)MaxExactInteger and <= (long)MaxExactInteger) writer.WriteNumberValue(sv);
                    else writer.WriteStringValue(sv.ToString(CultureInfo.InvariantCulture));
                    break;
                case "FL": WriteFloat(writer, bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b)); break;
                case "FD": WriteFloat(writer, bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b)); break;
                case "AT":
                    ushort group = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
                    ushort elem = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(b[2..]);
                    FormatTag(new DicomTag(group, elem), tag);
                    writer.WriteStringValue(tag);
                    break;
            }
        }

        writer.WriteEndArray();
    }

    private const ulong MaxExactInteger = 1UL << 53;

    private static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture)); // JSON has no NaN or infinity
    }

    private static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>PS3.18 F.2.7: the value bytes as base64, in little endian order (OW/OF/OL/OD/OV of a big endian
    /// dataset are swapped by their unit size).</summary>
    private static void WriteInline(Utf8JsonWriter writer, DicomElement element, DicomVR vr, bool bigEndian)
    {
        var bytes = element.Value.GetBytes();
        if (bigEndian && vr.UnitSize > 1)
        {
            var swapped = bytes.ToArray();
            for (int i = 0; i + vr.UnitSize <= swapped.Length; i += vr.UnitSize) swapped.AsSpan(i, vr.UnitSize).Reverse();
            bytes = swapped;
        }

        writer.WriteBase64String("InlineBinary"u8, bytes.Span);
    }

    private static void WriteBulk(Utf8JsonWriter writer, DicomJsonOptions options, DicomBulkDataLocation? location)
    {
        if (options.BulkData == DicomJsonBulkData.Omit || location is not { } where) return;
        var uri = options.BulkDataUri is null ? where.ToFileUri() : options.BulkDataUri(where);
        if (uri is not null) writer.WriteString("BulkDataURI"u8, uri);
    }

    /// <summary>Where a plain element's value bytes are in the source file, when that is known.</summary>
    private static DicomBulkDataLocation? Locate(DicomElement element, Source source)
    {
        if (element.Value is FileRangeValue range) return range.Temporary ? null : new DicomBulkDataLocation(element.Tag, range.Path, range.Offset, range.Length);
        if (!source.OffsetsValid || element.SourceOffset < 0) return null;
        // PS3.5 7.1.2 / 7.1.3: the value follows an 8-byte header, or 12 bytes for explicit VRs with a 32-bit length.
        int header = !source.Implicit && element.VR.HasLongLength ? 12 : 8;
        return new DicomBulkDataLocation(element.Tag, source.Path!, element.SourceOffset + header, element.Value.Length);
    }

    /// <summary>Encapsulated pixel data: from the Basic Offset Table item to the end of the sequence delimiter.</summary>
    private static DicomBulkDataLocation? Locate(DicomFragments fragments, Source source)
    {
        if (!source.OffsetsValid || fragments.SourceOffset < 0) return null;
        long length = 8 + fragments.OffsetTable.Length + 8;
        foreach (var fragment in fragments.Fragments) length += 8 + fragment.Length;
        // The element header of undefined-length OB/OW is 12 bytes explicit, 8 implicit (PS3.5 A.4).
        int header = source.Implicit ? 8 : 12;
        return new DicomBulkDataLocation(fragments.Tag, source.Path!, fragments.SourceOffset + header, length);
    }

    private static void WriteTag(Utf8JsonWriter writer, DicomTag tag)
    {
        Span<char> name = stackalloc char[8];
        FormatTag(tag, name);
        writer.WritePropertyName(name);
    }

    private static void FormatTag(DicomTag tag, Span<char> destination) =>
        tag.Value.TryFormat(destination, out _, "X8", CultureInfo.InvariantCulture);
}
