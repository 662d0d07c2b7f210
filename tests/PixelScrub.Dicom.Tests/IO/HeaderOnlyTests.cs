using PixelScrub.Dicom;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.IO;

public sealed class HeaderOnlyTests
{
    /// <summary>Counts the bytes a reader pulls from the underlying stream.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        private int Count(int n) { BytesRead += n; return n; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Header_only_reading_of_the_cine_stops_within_a_few_kilobytes_of_the_pixel_data_header()
    {
        var path = CorpusFiles.CinePath;
        using var fs = File.OpenRead(path);
        using var counting = new CountingStream(fs);
        var file = DicomFile.Read(counting, DicomReadOptions.Header, path);

        Assert.NotNull(file.PixelDataInfo);
        var info = file.PixelDataInfo!;
        Assert.Equal(DicomTag.PixelData, info.Tag);
        Assert.True(fs.Length > 12_000_000);
        long pastHeader = counting.BytesRead - info.ValueOffset;
        Assert.True(pastHeader <= 8 * 1024, $"read {pastHeader} bytes past the pixel data element header");
        Assert.False(file.Dataset.Contains(DicomTag.PixelData));
        Assert.Equal("27", file.Dataset.GetString(new DicomTag(0x0028, 0x0008)));
    }

    [Theory]
    [InlineData("pydicom/CT_small.dcm", false)]
    [InlineData("pydicom/SC_rgb_jpeg_dcmtk.dcm", true)]
    [InlineData("pydicom/MR_small_bigendian.dcm", false)]
    public void Pixel_data_info_gives_offset_vr_and_length_or_encapsulation(string relative, bool encapsulated)
    {
        var path = SharedFiles.Corpus(relative);
        var file = DicomFile.Open(path, DicomReadOptions.Header);
        var info = file.PixelDataInfo!;
        Assert.Equal(encapsulated, info.IsEncapsulated);
        var bytes = File.ReadAllBytes(path);
        // the element header really is at the reported offset
        bool be = file.TransferSyntax.IsBigEndian;
        ushort g = be ? (ushort)(bytes[info.ElementOffset] << 8 | bytes[info.ElementOffset + 1]) : (ushort)(bytes[info.ElementOffset] | bytes[info.ElementOffset + 1] << 8);
        Assert.Equal(0x7FE0, g);
        if (!encapsulated) Assert.InRange(info.ValueOffset + info.Length, info.ValueOffset, bytes.Length);
    }
}
