using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.IO;

/// <summary>
/// The check, made while a passed file is copied, that the rest of the file after the header is readable as DICOM:
/// silent on every corpus file DCMTK reads, and it finds what DCMTK refuses (a value running past the end).
/// </summary>
public sealed class DicomTailCheckTests
{
    private static string? Check(byte[] bytes, int chunk = 1 << 16)
    {
        var file = DicomFile.Read(new MemoryStream(bytes), DicomReadOptions.Header);
        if (file.PixelDataInfo is null || file.TransferSyntax.IsDeflated) return null;
        var check = new DicomTailCheck(file.PixelDataInfo, file.TransferSyntax);
        for (int at = 0; at < bytes.Length; at += chunk) check.Feed(bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at)));
        return check.Finish();
    }

    public static TheoryData<string> Readable() => [.. CorpusFiles.Readable()];

    [Theory]
    [MemberData(nameof(Readable))]
    public void Corpus_files_dcmtk_reads_pass_the_check_in_any_chunking(string relative)
    {
        var bytes = File.ReadAllBytes(CorpusFiles.PathOf(relative));
        Assert.Null(Check(bytes));
        Assert.Null(Check(bytes, 7));
    }

    [Fact]
    public void The_truncated_corpus_file_dcmtk_refuses_is_found()
    {
        var problem = Check(File.ReadAllBytes(CorpusFiles.PathOf("pydicom/MR_truncated.dcm")));
        Assert.NotNull(problem);
        Assert.Contains("(7FE0,0010)", problem);
        Assert.Contains("past the end of the file", problem);
    }

    [Theory]
    [InlineData("pydicom/CT_small.dcm")]
    [InlineData("pydicom/MR_small_bigendian.dcm")]
    [InlineData("pydicom/SC_rgb_jpeg_dcmtk.dcm")]
    [InlineData("pydicom/MR_small_RLE.dcm")]
    public void Truncation_after_the_header_and_trailing_garbage_are_found(string relative)
    {
        var bytes = File.ReadAllBytes(CorpusFiles.PathOf(relative));
        var header = DicomFile.Read(new MemoryStream(bytes), DicomReadOptions.Header).PixelDataInfo!;
        var cut = bytes[..(int)(header.ValueOffset + (bytes.Length - header.ValueOffset) / 2)];
        Assert.NotNull(Check(cut));
        Assert.NotNull(Check(cut, 3));
        byte[] garbage = [.. bytes, 0x01, 0x02, 0x03];
        Assert.Contains("element header", Check(garbage));
        byte[] badVR = [.. bytes, 0xE0, 0x7F, 0x10, 0x00, (byte)'z', (byte)'z', 0, 0];
        var problem = Check(badVR);
        Assert.NotNull(problem);
    }
}
