using System.Buffers.Binary;
using System.Text.Json;
using PixelScrub.Dicom.Json;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.Json;

public sealed class DicomJsonWriterTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static JsonElement Write(DicomDataset dataset, DicomJsonOptions? options = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DicomJsonWriter.Write(writer, dataset, options);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static void Add(DicomDataset dataset, uint tag, DicomVR vr, byte[] value) =>
        dataset.Set(new DicomElement(new DicomTag(tag), vr, ElementValue.FromBytes(value)));

    private static void AddText(DicomDataset dataset, uint tag, DicomVR vr, string ascii) =>
        Add(dataset, tag, vr, System.Text.Encoding.ASCII.GetBytes(ascii));

    [Fact]
    public void JapanesePersonName_FromPS35AnnexH_GivesThreeComponentGroups()
    {
        var dataset = new DicomDataset();
        AddText(dataset, 0x00080005, DicomVR.CS, "\\ISO 2022 IR 87 ");
        Add(dataset, 0x00100010, DicomVR.PN, Hex(
            "59 61 6D 61 64 61 5E 54 61 72 6F 75 3D 1B 24 42 3B 33 45 44 1B 28 42 5E 1B 24 42 42 40 4F 3A 1B 28 42 3D " +
            "1B 24 42 24 64 24 5E 24 40 1B 28 42 5E 1B 24 42 24 3F 24 6D 24 26 1B 28 42"));
        var name = Write(dataset).GetProperty("00100010");
        Assert.Equal("PN", name.GetProperty("vr").GetString());
        var value = name.GetProperty("Value")[0];
        Assert.Equal("Yamada^Tarou", value.GetProperty("Alphabetic").GetString());
        Assert.Equal("山田^太郎", value.GetProperty("Ideographic").GetString());
        Assert.Equal("やまだ^たろう", value.GetProperty("Phonetic").GetString());
        var charset = Write(dataset).GetProperty("00080005").GetProperty("Value");
        Assert.Equal(JsonValueKind.Null, charset[0].ValueKind);
        Assert.Equal("ISO 2022 IR 87", charset[1].GetString());
    }

    [Fact]
    public void ItemsInheritTheCharacterSetOfTheirDataset()
    {
        var dataset = new DicomDataset();
        AddText(dataset, 0x00080005, DicomVR.CS, "ISO_IR 100");
        var sequence = new DicomSequence(new DicomTag(0x00400275), DicomVR.SQ, undefinedLength: false);
        var item = new DicomDataset(false, dataset);
        Add(item, 0x00321060, DicomVR.LO, Hex("4D FC 6C 6C 65 72"));
        sequence.Items.Add(item);
        dataset.Set(sequence);
        var json = Write(dataset).GetProperty("00400275");
        Assert.Equal("SQ", json.GetProperty("vr").GetString());
        Assert.Equal("Müller", json.GetProperty("Value")[0].GetProperty("00321060").GetProperty("Value")[0].GetString());
    }

    [Fact]
    public void AnItemWithItsOwnCharacterSet_UsesIt()
    {
        // PS3.3 C.12.1.1.2: Specific Character Set in a sequence item applies to that item.
        var dataset = new DicomDataset();
        AddText(dataset, 0x00080005, DicomVR.CS, "ISO_IR 144");
        var sequence = new DicomSequence(new DicomTag(0x00400275), DicomVR.SQ, undefinedLength: true);
        var item = new DicomDataset(false, dataset);
        AddText(item, 0x00080005, DicomVR.CS, "ISO_IR 100");
        Add(item, 0x00100010, DicomVR.PN, Hex("4D FC 6C 6C 65 72 5E 4A 6F 73 E9"));
        sequence.Items.Add(item);
        dataset.Set(sequence);
        Add(dataset, 0x00100010, DicomVR.PN, Hex("BB EE DA 63 65 DC D1 79 70 D3"));
        var json = Write(dataset);
        Assert.Equal("Müller^José", json.GetProperty("00400275").GetProperty("Value")[0].GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
        Assert.Equal("Люкceмбypг", json.GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
    }

    [Fact]
    public void Numbers_DsKeepsItsDigits_IsIsInteger_MalformedBecomesAValueOrAString()
    {
        var dataset = new DicomDataset();
        AddText(dataset, 0x00280030, DicomVR.DS, "1099.3100585938\\-0.50\\.5\\+2 \\1e3");
        AddText(dataset, 0x00200013, DicomVR.IS, " 42\\-7\\x ");
        var json = Write(dataset);
        var ds = json.GetProperty("00280030").GetProperty("Value");
        Assert.Equal("1099.3100585938", ds[0].GetRawText());
        Assert.Equal("-0.50", ds[1].GetRawText());
        Assert.Equal(0.5, ds[2].GetDouble());
        Assert.Equal(2, ds[3].GetDouble());
        Assert.Equal("1e3", ds[4].GetRawText());
        var values = json.GetProperty("00200013").GetProperty("Value");
        Assert.Equal(42, values[0].GetInt64());
        Assert.Equal(-7, values[1].GetInt64());
        Assert.Equal(JsonValueKind.String, values[2].ValueKind);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("-0.5e-3", true)]
    [InlineData("10", true)]
    [InlineData("01", false)]
    [InlineData(".5", false)]
    [InlineData("5.", false)]
    [InlineData("+5", false)]
    [InlineData("1e", false)]
    [InlineData("", false)]
    [InlineData("-", false)]
    public void JsonNumberGrammar(string text, bool valid) => Assert.Equal(valid, DicomJsonWriter.IsJsonNumber(text));

    [Fact]
    public void BinaryNumbers_AndTags_AndLargeUnsigned64()
    {
        var dataset = new DicomDataset();
        Add(dataset, 0x00280010, DicomVR.US, [0x00, 0x02]);
        Add(dataset, 0x00189219, DicomVR.SS, [0xFE, 0xFF]);
        Add(dataset, 0x00209165, DicomVR.AT, [0x20, 0x00, 0x32, 0x00, 0x28, 0x00, 0x10, 0x00]);
        Add(dataset, 0x00181318, DicomVR.FD, BitConverter.GetBytes(0.1));
        Add(dataset, 0x00660040, DicomVR.UV, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0, 0, 0, 0, 0]);
        var json = Write(dataset);
        Assert.Equal(512, json.GetProperty("00280010").GetProperty("Value")[0].GetInt32());
        Assert.Equal(-2, json.GetProperty("00189219").GetProperty("Value")[0].GetInt32());
        Assert.Equal("00200032", json.GetProperty("00209165").GetProperty("Value")[0].GetString());
        Assert.Equal("00280010", json.GetProperty("00209165").GetProperty("Value")[1].GetString());
        Assert.Equal(0.1, json.GetProperty("00181318").GetProperty("Value")[0].GetDouble());
        var uv = json.GetProperty("00660040").GetProperty("Value");
        Assert.Equal("18446744073709551615", uv[0].GetString()); // beyond 2^53: a string (PS3.18 F.2.3.1)
        Assert.Equal(1, uv[1].GetInt64());
    }

    [Fact]
    public void EmptyValues_HaveNoValueKey_EmptyMembersOfAMultiValueAreNull()
    {
        var dataset = new DicomDataset();
        Add(dataset, 0x00100020, DicomVR.LO, []);
        AddText(dataset, 0x00100010, DicomVR.PN, "^^  ");
        AddText(dataset, 0x00080008, DicomVR.CS, "ORIGINAL\\\\AXIAL ");
        dataset.Set(new DicomSequence(new DicomTag(0x00081140), DicomVR.SQ, undefinedLength: true));
        var json = Write(dataset);
        Assert.False(json.GetProperty("00100020").TryGetProperty("Value", out _));
        Assert.False(json.GetProperty("00100010").TryGetProperty("Value", out _));
        Assert.False(json.GetProperty("00081140").TryGetProperty("Value", out _));
        var cs = json.GetProperty("00080008").GetProperty("Value");
        Assert.Equal(3, cs.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, cs[1].ValueKind);
    }

    [Theory]
    [InlineData("Adams^John Robert Quincy^^Rev.^B.A. M.Div.", "Adams^John Robert Quincy^^Rev.^B.A. M.Div.")]
    [InlineData("Morrison-Jones^Susan^^^Ph.D.", "Morrison-Jones^Susan^^^Ph.D.")]
    [InlineData("Doe^John^^^", "Doe^John")]
    [InlineData("^^^^", "")]
    [InlineData("Wang^XiaoDong=王^小东=", "Wang^XiaoDong=王^小东")]
    [InlineData("=山田^太郎", "=山田^太郎")]
    public void PersonNames_LoseOnlyTrailingEmptyComponents(string value, string expected) =>
        Assert.Equal(expected, DicomJsonWriter.NormalizePersonName(value));

    [Fact]
    public void IdeographicOnlyName_HasNoAlphabeticGroup()
    {
        var dataset = new DicomDataset();
        AddText(dataset, 0x00080005, DicomVR.CS, "ISO_IR 192");
        Add(dataset, 0x00100010, DicomVR.PN, System.Text.Encoding.UTF8.GetBytes("=山田^太郎"));
        var value = Write(dataset).GetProperty("00100010").GetProperty("Value")[0];
        Assert.False(value.TryGetProperty("Alphabetic", out _));
        Assert.Equal("山田^太郎", value.GetProperty("Ideographic").GetString());
    }

    [Fact]
    public void GroupLengths_AreLeftOutUnlessAsked()
    {
        var dataset = new DicomDataset();
        Add(dataset, 0x00080000, DicomVR.UL, [4, 0, 0, 0]);
        AddText(dataset, 0x00080060, DicomVR.CS, "CT");
        Assert.False(Write(dataset).TryGetProperty("00080000", out _));
        Assert.True(Write(dataset, new DicomJsonOptions { IncludeGroupLengths = true }).TryGetProperty("00080000", out _));
    }

    [Fact]
    public void BulkDataUris_PointAtTheValueBytesInTheFile()
    {
        // CT_small: native pixel data (file-backed or in memory, either way the URI must point at its bytes).
        var path = SharedFiles.Corpus("pydicom/CT_small.dcm");
        var file = DicomFile.Open(path);
        var json = JsonDocument.Parse(DicomJsonWriter.ToJson(file)).RootElement;
        var pixels = file.Dataset.Get(new DicomTag(0x7FE00010))!;
        var (uriPath, offset, length) = ParseUri(json.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString()!);
        Assert.Equal(Path.GetFullPath(path), uriPath);
        Assert.Equal(pixels.Value.Length, length);
        var bytes = File.ReadAllBytes(path).AsSpan((int)offset, (int)length);
        Assert.True(bytes.SequenceEqual(pixels.Value.GetBytes().Span));

        var omitted = JsonDocument.Parse(DicomJsonWriter.ToJson(file, new DicomJsonOptions { BulkData = DicomJsonBulkData.Omit })).RootElement;
        var element = omitted.GetProperty("7FE00010");
        Assert.Equal("OW", element.GetProperty("vr").GetString());
        Assert.False(element.TryGetProperty("BulkDataURI", out _));
        Assert.False(element.TryGetProperty("Value", out _));
    }

    [Fact]
    public void BulkDataUri_OfEncapsulatedPixelData_SpansTheItemsAndTheDelimiter()
    {
        var path = SharedFiles.Corpus("pydicom/JPEG2000.dcm");
        var json = JsonDocument.Parse(DicomJsonWriter.ToJson(DicomFile.Open(path))).RootElement;
        var (_, offset, length) = ParseUri(json.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString()!);
        var bytes = File.ReadAllBytes(path);
        // PS3.5 A.4: the first item (FFFE,E000) starts the value; the sequence delimiter (FFFE,E0DD) ends it.
        Assert.Equal(0xE000FFFEu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset)));
        Assert.Equal(0xE0DDFFFEu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)(offset + length - 8))));
    }

    [Fact]
    public void HeaderOnlyRead_ListsThePixelDataItStoppedAt()
    {
        var path = SharedFiles.Corpus("pydicom/MR_small.dcm");
        var full = JsonDocument.Parse(DicomJsonWriter.ToJson(DicomFile.Open(path))).RootElement;
        var header = JsonDocument.Parse(DicomJsonWriter.ToJson(DicomFile.Open(path, DicomReadOptions.Header))).RootElement;
        Assert.Equal(
            full.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString(),
            header.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString());
    }

    [Fact]
    public void InlineBinary_IsLittleEndian_AndLargeValuesFallBackToUris()
    {
        var dataset = new DicomDataset(bigEndian: true);
        Add(dataset, 0x00281201, DicomVR.OW, [0x12, 0x34, 0xAB, 0xCD]);
        Add(dataset, 0x00091010, DicomVR.OB, [1, 2, 3, 4]);
        var json = Write(dataset, new DicomJsonOptions { BulkData = DicomJsonBulkData.InlineBinary });
        Assert.Equal(new byte[] { 0x34, 0x12, 0xCD, 0xAB }, json.GetProperty("00281201").GetProperty("InlineBinary").GetBytesFromBase64());
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, json.GetProperty("00091010").GetProperty("InlineBinary").GetBytesFromBase64());

        var file = DicomFile.Open(SharedFiles.Corpus("pydicom/CT_small.dcm"));
        var limited = JsonDocument.Parse(DicomJsonWriter.ToJson(file, new DicomJsonOptions { BulkData = DicomJsonBulkData.InlineBinary, InlineBinaryLimit = 16 })).RootElement;
        Assert.True(limited.GetProperty("7FE00010").TryGetProperty("BulkDataURI", out _));
    }

    [Fact]
    public void CustomUriBuilder_IsUsed()
    {
        var file = DicomFile.Open(SharedFiles.Corpus("pydicom/CT_small.dcm"));
        var options = new DicomJsonOptions { BulkDataUri = where => $"https://example.org/bulk/{where.Tag.Value:X8}" };
        var json = JsonDocument.Parse(DicomJsonWriter.ToJson(file, options)).RootElement;
        Assert.Equal("https://example.org/bulk/7FE00010", json.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString());
    }

    private static (string Path, long Offset, long Length) ParseUri(string uri)
    {
        var parsed = new Uri(uri);
        var query = parsed.Fragment.TrimStart('#').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        return (parsed.LocalPath, query["offset"], query.TryGetValue("length", out var l) ? l : -1);
    }
}
