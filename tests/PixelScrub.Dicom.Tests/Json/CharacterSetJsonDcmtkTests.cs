using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using PixelScrub.Dicom.Json;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.Json;

/// <summary>
/// Reading, character set decoding and the JSON model end to end against dcm2json, on files written here byte by
/// byte (the corpus has no non-Latin text): Korean and Chinese names, text with a backslash inside a GBK character,
/// and a sequence item that inherits the dataset's Specific Character Set.
/// </summary>
public sealed class CharacterSetJsonDcmtkTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // Specific Character Set, PN bytes, LO bytes, LT bytes
        {
            "\\ISO 2022 IR 149",
            "48 6F 6E 67 5E 47 69 6C 64 6F 6E 67 3D 1B 24 29 43 FB F3 5E 1B 24 29 43 D1 CE D4 D7 3D 1B 24 29 43 C8 AB 5E 1B 24 29 43 B1 E6 B5 BF",
            "1B 24 29 43 C8 AB 5C 41",
            "1B 24 29 43 C8 AB 0D 0A 41 5C 42"
        },
        {
            "\\ISO 2022 IR 58",
            "5A 68 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D 1B 24 29 41 D5 C5 5E 1B 24 29 41 D0 A1 B6 AB 3D",
            "1B 24 29 41 D5 C5",
            "1B 24 29 41 D5 C5 0D 0A"
        },
        { "GB18030", "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D CD F5 5E D0 A1 B6 AB 3D", "81 5C 5C 41", "81 5C 41 5C 42" },
        { "GBK", "CD F5 5E D0 A1 B6 AB", "81 5C 5C 41", "81 5C" },
        { "ISO_IR 192", "4A C3 A9 72 C3 B4 6D 65 5E E5 B1 B1 E7 94 B0", "E5 B1 B1 5C E7 94 B0", "41 5C 42" },
        { "ISO_IR 144", "BB EE DA 63 65 DC D1 79 70 D3", "BB EE 5C DA", "BB EE DA" },
        // DCMTK reads 05/12 under ISO_IR 13 as YEN SIGN even where it separates values; PS3.5 6.1.2.3 makes it the
        // separator whatever its glyph (DicomCharacterSetTests covers that), so no 05/12 here.
        { "ISO_IR 13", "D4 CF C0 DE 5E C0 DB B3", "D4 CF 41 C0", "D4 CF C0 DE" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithDcm2json(string terms, string personName, string longString, string longText)
    {
        // The item has no (0008,0005) of its own: it inherits the dataset's. (DCMTK 3.6.7 ignores a Specific
        // Character Set inside an item, which PS3.3 C.12.1.1.2 lets an item have; DicomJsonWriterTests covers that.)
        var item = new MemoryStream();
        Element(item, 0x0010, 0x0010, "PN", Hex(personName));
        var dataset = new MemoryStream();
        Element(dataset, 0x0008, 0x0005, "CS", Encoding.ASCII.GetBytes(terms));
        Element(dataset, 0x0008, 0x0080, "LO", Hex(longString));
        Element(dataset, 0x0010, 0x0010, "PN", Hex(personName));
        Element(dataset, 0x0010, 0x4000, "LT", Hex(longText));
        Sequence(dataset, 0x0040, 0x0275, item.ToArray());

        var path = Path.Combine(Path.GetTempPath(), $"pixelscrub-charset-json-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(path, PartTen(dataset.ToArray()));
            var (exit, stdout, stderr) = ReferenceTool.Run("dcm2json", ["-fc", path]);
            Assert.True(exit == 0, $"dcm2json: {stderr}");
            using var theirs = JsonDocument.Parse(stdout);
            using var ours = JsonDocument.Parse(DicomJsonWriter.ToJson(DicomFile.Open(path)));
            foreach (var tag in new[] { "00080080", "00100010", "00104000" })
            {
                Assert.Equal(theirs.RootElement.GetProperty(tag).GetProperty("Value").GetRawText(), ours.RootElement.GetProperty(tag).GetProperty("Value").GetRawText());
            }

            var theirItem = theirs.RootElement.GetProperty("00400275").GetProperty("Value")[0];
            var ourItem = ours.RootElement.GetProperty("00400275").GetProperty("Value")[0];
            Assert.Equal(theirItem.GetProperty("00100010").GetProperty("Value").GetRawText(), ourItem.GetProperty("00100010").GetProperty("Value").GetRawText());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] PartTen(byte[] dataset)
    {
        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0, 1]);
        Element(meta, 0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.7"u8.ToArray(), 0);
        Element(meta, 0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.2.1143.2"u8.ToArray(), 0);
        Element(meta, 0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1"u8.ToArray(), 0);
        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)meta.Length);
        Element(file, 0x0002, 0x0000, "UL", length);
        meta.WriteTo(file);
        file.Write(dataset);
        return file.ToArray();
    }

    /// <summary>An explicit VR little endian element, padded to even length (PS3.5 7.1.2).</summary>
    private static void Element(Stream s, ushort group, ushort element, string vr, byte[] value, byte pad = (byte)' ')
    {
        if (value.Length % 2 == 1) value = [.. value, pad];
        bool longLength = vr is "OB" or "OW" or "SQ" or "UT" or "UN";
        var header = new byte[longLength ? 12 : 8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (longLength) BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)value.Length);
        else BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)value.Length);
        s.Write(header);
        s.Write(value);
    }

    /// <summary>A sequence of defined length with one item of defined length (PS3.5 7.5).</summary>
    private static void Sequence(Stream s, ushort group, ushort element, byte[] item)
    {
        var content = new byte[8 + item.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(content, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(content.AsSpan(2), 0xE000);
        BinaryPrimitives.WriteUInt32LittleEndian(content.AsSpan(4), (uint)item.Length);
        item.CopyTo(content, 8);
        Element(s, group, element, "SQ", content);
    }
}
