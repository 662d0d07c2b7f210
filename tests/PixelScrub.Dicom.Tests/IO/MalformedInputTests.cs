using PixelScrub.Dicom;

namespace PixelScrub.Dicom.Tests.IO;

/// <summary>Byte vectors for element, length and item edge cases, sorted by expected outcome.</summary>
public sealed class MalformedInputTests
{
    // A 132-byte prefix plus a minimal explicit VR LE meta group naming the transfer syntax.
    private static byte[] File(string transferSyntax, string datasetHex)
    {
        var ts = System.Text.Encoding.ASCII.GetBytes(transferSyntax);
        if ((ts.Length & 1) == 1) ts = [.. ts, 0];
        using var ms = new MemoryStream();
        ms.Write(new byte[128]);
        ms.Write("DICM"u8);
        var tsElement = new List<byte> { 0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I', (byte)ts.Length, 0 };
        tsElement.AddRange(ts);
        ms.Write([0x02, 0x00, 0x00, 0x00, (byte)'U', (byte)'L', 4, 0]);
        ms.Write(BitConverter.GetBytes((uint)tsElement.Count));
        ms.Write(tsElement.ToArray());
        ms.Write(Convert.FromHexString(datasetHex.Replace(" ", "")));
        return ms.ToArray();
    }

    private const string ExplicitLE = "1.2.840.10008.1.2.1";
    private const string ImplicitLE = "1.2.840.10008.1.2";

    public static TheoryData<string, string, string> MustThrow() => new()
    {
        // transfer syntax, dataset bytes, text the message must contain
        { ExplicitLE, "1000 1000 504E 0800 4141", "larger than the" },                            // PN of 8 bytes, 2 there
        { ExplicitLE, "1000 1000 5858 0200 4141", "unknown VR" },                                  // VR "XX"
        { ExplicitLE, "1000 1000 504E FFFF", "larger than the" },                                  // 0xFFFF > what is there
        { ExplicitLE, "1000 1000 4C4F 0000 FFFFFFFF", "ends inside" },                           // empty LO, then a cut header
        { ExplicitLE, "0800 0511 4F42 0000 FFFFFFFF 0100", "undefined length is not allowed" },    // OB of undefined length
        { ExplicitLE, "0800 1511 5351 0000 FFFFFFFF FEFF00E0 FFFFFFFF 1000 1000 504E 0200 4141", "no item delimitation" },
        { ExplicitLE, "0800 1511 5351 0000 10000000 FEFF00E0 20000000 1000 1000 504E 0200 4141", "runs past the end" },
        { ExplicitLE, "0800 1511 5351 0000 FFFFFFFF 1000 1000 504E 0200 4141", "expected an item" },
        { ExplicitLE, "E07F 1000 4F42 0000 FFFFFFFF FEFF00E0 00000000 FEFF00E0 10000000 0102", "larger than the" },
        { ExplicitLE, "E07F 1000 4F42 0000 FFFFFFFF FEFF00E0 00000000", "no sequence delimitation" },
        { ExplicitLE, "1000 1000 504E 0200 4141 1000 1000 504E 0200 4242", "appears twice" },
        { ImplicitLE, "1000 1000 08000000 4141", "larger than the" },
        { ImplicitLE, "1000 10", "ends inside" },
        { ExplicitLE, "FEFF 00E0 00000000", "unexpected item" },
    };

    [Theory]
    [MemberData(nameof(MustThrow))]
    public void Malformed_bytes_throw_the_format_exception_with_offset(string ts, string hex, string expected)
    {
        var bytes = File(ts, hex);
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(bytes)));
        Assert.Contains(expected, ex.Message);
        Assert.InRange(ex.Offset, 132, bytes.Length);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var hex = string.Concat(Enumerable.Repeat("0800 1511 5351 0000 FFFFFFFF FEFF00E0 FFFFFFFF", 200));
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(File(ExplicitLE, hex))));
        Assert.Contains("nested deeper", ex.Message);
    }

    [Fact]
    public void Garbage_is_not_dicom()
    {
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream("hello, this is not DICOM at all"u8.ToArray())));
        Assert.Contains("not a DICOM file", ex.Message);
    }

    [Fact]
    public void Odd_length_is_tolerated_and_reported()
    {
        var file = DicomFile.Read(new MemoryStream(File(ExplicitLE, "1000 1000 504E 0300 414141")));
        Assert.Equal("AAA", file.Dataset.GetString(new DicomTag(0x0010, 0x0010)));
        Assert.Contains(file.Warnings, w => w.Contains("odd value length 3"));
    }

    [Fact]
    public void Raw_dataset_without_meta_is_read_as_explicit_or_implicit_little_endian()
    {
        var explicitRaw = Convert.FromHexString("080005004353080049534F5F49522036" + "10001000504E04004A4F484E");
        var e = DicomFile.Read(new MemoryStream(explicitRaw));
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, e.TransferSyntax);
        Assert.True(e.TransferSyntaxDetected);
        Assert.Equal("JOHN", e.Dataset.GetString(new DicomTag(0x0010, 0x0010)));

        var implicitRaw = Convert.FromHexString("080005000800000049534F5F49522036" + "100010000400000044414E45");
        var i = DicomFile.Read(new MemoryStream(implicitRaw));
        Assert.Equal(TransferSyntax.ImplicitVRLittleEndian, i.TransferSyntax);
        Assert.Equal("DANE", i.Dataset.GetString(new DicomTag(0x0010, 0x0010)));
        Assert.Equal(DicomVR.PN, i.Dataset.Get(new DicomTag(0x0010, 0x0010))!.VR);
    }
}
