using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.IO;

public sealed class RoundTripTests
{
    public static TheoryData<string> Readable() => new(CorpusFiles.Readable());

    public static TheoryData<string> Malformed() => new(CorpusFiles.MalformedFiles.Keys);

    [Theory]
    [MemberData(nameof(Readable))]
    public void Unchanged_file_is_written_back_byte_for_byte(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var file = DicomFile.Open(path);
        using var output = new MemoryStream();
        DicomWriter.Write(file, output);
        var original = File.ReadAllBytes(path);
        var written = output.ToArray();
        Assert.Equal(original.Length, written.Length);
        int firstDifference = original.AsSpan().CommonPrefixLength(written);
        Assert.True(firstDifference == original.Length, $"{relative}: first difference at byte {firstDifference}");
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Header_only_then_remainder_equals_full_read(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var header = DicomFile.Open(path, DicomReadOptions.Header);
        header.ReadRemainder();
        using var a = new MemoryStream();
        DicomWriter.Write(header, a);
        Assert.Equal(File.ReadAllBytes(path), a.ToArray());
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_corpus_file_fails_with_the_format_exception(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
        Assert.Equal(path, ex.FilePath);
        Assert.InRange(ex.Offset, 0, new FileInfo(path).Length);
        Assert.Contains("offset", ex.Message);
    }

    [Fact]
    public void Truncated_file_names_the_pixel_data_tag_and_its_offset()
    {
        var path = SharedFiles.Corpus("pydicom/MR_truncated.dcm");
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
        Assert.Equal(DicomTag.PixelData.Value, ex.Tag);
        Assert.Contains("larger than the", ex.Reason);
    }
}
