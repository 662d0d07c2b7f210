using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using PixelScrub.Dicom.Text;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.Text;

/// <summary>
/// Cross-checks the decoding of every character a set defines against DCMTK (dcm2json converts to UTF-8 with the
/// C library's iconv). The files are written here byte by byte so nothing of ours reads them first.
/// DCMTK on Debian cannot convert ISO 2022 IR 87 / IR 159 or ISO_IR 203; those are covered by the standard's
/// byte vectors in <see cref="DicomCharacterSetTests"/>.
/// </summary>
public sealed class DcmtkCharacterSetTests
{
    public static TheoryData<string> SingleByteTerms => new()
    {
        "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126",
        "ISO_IR 138", "ISO_IR 148", "ISO_IR 166", "ISO_IR 13",
    };

    [Theory]
    [MemberData(nameof(SingleByteTerms))]
    public void EverySingleByteCharacter_DecodesAsDcmtkDoes(string term)
    {
        var set = DicomCharacterSet.Parse([term]);
        var value = new List<byte>();
        // The GL characters (without 05/12, which JIS X 0201 and ASCII read differently) and every GR byte the set
        // defines; C1 positions are not graphic characters and are left out.
        for (int b = 0x21; b < 0x7F; b++) if (b != 0x5C) value.Add((byte)b);
        for (int b = 0xA0; b < 0x100; b++)
        {
            if (set.Decode([(byte)b], TextKind.Text) != "\uFFFD") value.Add((byte)b);
        }

        Compare(term, set, [.. value]);
    }

    [Theory]
    [InlineData("\\ISO 2022 IR 149", 0x43)]
    [InlineData("\\ISO 2022 IR 58", 0x41)]
    public void EveryDoubleByteCharacter_InG1_DecodesAsDcmtkDoes(string terms, byte final)
    {
        var set = DicomCharacterSet.Parse(terms.Split('\\'));
        var value = new List<byte> { 0x1B, 0x24, 0x29, final };
        for (int first = 0xA1; first <= 0xFE; first++)
        {
            for (int second = 0xA1; second <= 0xFE; second++)
            {
                byte[] pair = [0x1B, 0x24, 0x29, final, (byte)first, (byte)second];
                if (set.Decode(pair, TextKind.Text) == "\uFFFD") continue;
                value.Add((byte)first);
                value.Add((byte)second);
            }
        }

        Compare(terms, set, [.. value]);
    }

    [Theory]
    [InlineData("GB18030")]
    [InlineData("GBK")]
    public void EveryTwoByteCharacter_DecodesAsDcmtkDoes(string term)
    {
        var set = DicomCharacterSet.Parse([term]);
        var value = new List<byte>();
        for (int first = 0x81; first <= 0xFE; first++)
        {
            for (int second = 0x40; second <= 0xFE; second++)
            {
                if (second == 0x7F) continue;
                byte[] pair = [(byte)first, (byte)second];
                var text = set.Decode(pair, TextKind.Text);
                if (text.Contains('\uFFFD')) continue;
                value.Add((byte)first);
                value.Add((byte)second);
            }
        }

        Compare(term, set, [.. value]);
    }

    [Fact]
    public void PersonNameWithDelimiters_DecodesAsDcmtkDoes()
    {
        // PS3.5 Annex I, plus a second value: G1 re-designated after each delimiter.
        var set = DicomCharacterSet.Parse(["", "ISO 2022 IR 149"]);
        var value = Convert.FromHexString(
            "486F6E675E47696C646F6E673D1B242943FBF35E1B242943D1CED4D73D1B242943C8AB5E1B242943B1E6B5BF5C1B242943C8AB");
        Compare("\\ISO 2022 IR 149", set, value, personName: true);
    }

    private static void Compare(string terms, DicomCharacterSet set, byte[] value, bool personName = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pixelscrub-charset-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(path, BuildFile(terms, value, personName));
            var (exit, stdout, stderr) = ReferenceTool.Run("dcm2json", [path]);
            Assert.True(exit == 0, $"dcm2json failed for {terms}: {stderr}");
            using var json = JsonDocument.Parse(stdout);
            var element = json.RootElement.GetProperty(personName ? "00100010" : "0040A160");
            var problems = new List<string>();
            var ours = set.Decode(value, personName ? TextKind.PersonName : TextKind.Text, problems);
            Assert.Empty(problems);
            if (personName)
            {
                var names = ours.Split('\\');
                var values = element.GetProperty("Value");
                Assert.Equal(names.Length, values.GetArrayLength());
                for (int i = 0; i < names.Length; i++)
                {
                    var groups = names[i].Split('=');
                    var dcmtk = values[i];
                    Assert.Equal(groups[0], dcmtk.GetProperty("Alphabetic").GetString());
                    if (groups.Length > 1) Assert.Equal(groups[1], dcmtk.GetProperty("Ideographic").GetString());
                    if (groups.Length > 2) Assert.Equal(groups[2], dcmtk.GetProperty("Phonetic").GetString());
                }

                return;
            }

            var theirs = element.GetProperty("Value")[0].GetString() ?? "";
            AssertSameText(terms, theirs, ours);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertSameText(string terms, string theirs, string ours)
    {
        int n = Math.Min(theirs.Length, ours.Length);
        for (int i = 0; i < n; i++)
        {
            if (theirs[i] != ours[i])
            {
                Assert.Fail($"{terms}: character {i} differs: dcmtk U+{(int)theirs[i]:X4}, ours U+{(int)ours[i]:X4}");
            }
        }

        Assert.Equal(theirs.Length, ours.Length);
    }

    /// <summary>A Part 10 file in explicit VR little endian with (0008,0005) and one UT or PN element.</summary>
    private static byte[] BuildFile(string terms, byte[] value, bool personName)
    {
        using var dataset = new MemoryStream();
        WriteShort(dataset, 0x0008, 0x0005, "CS", Pad(Encoding.ASCII.GetBytes(terms), (byte)' '));
        if (personName) WriteShort(dataset, 0x0010, 0x0010, "PN", Pad(value, (byte)' '));
        else WriteLong(dataset, 0x0040, 0xA160, "UT", Pad(value, (byte)' '));

        using var meta = new MemoryStream();
        WriteLong(meta, 0x0002, 0x0001, "OB", [0, 1]);
        WriteShort(meta, 0x0002, 0x0002, "UI", Pad("1.2.840.10008.5.1.4.1.1.7"u8.ToArray(), 0));
        WriteShort(meta, 0x0002, 0x0003, "UI", Pad("1.2.826.0.1.3680043.2.1143.1"u8.ToArray(), 0));
        WriteShort(meta, 0x0002, 0x0010, "UI", Pad("1.2.840.10008.1.2.1"u8.ToArray(), 0));

        using var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)meta.Length);
        WriteShort(file, 0x0002, 0x0000, "UL", length.ToArray());
        meta.WriteTo(file);
        dataset.WriteTo(file);
        return file.ToArray();
    }

    private static byte[] Pad(byte[] value, byte pad) => value.Length % 2 == 0 ? value : [.. value, pad];

    private static void WriteShort(Stream s, ushort group, ushort element, string vr, byte[] value)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
        s.Write(header);
        s.Write(value);
    }

    private static void WriteLong(Stream s, ushort group, ushort element, string vr, byte[] value)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
        s.Write(header);
        s.Write(value);
    }
}
