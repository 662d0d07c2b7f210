using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.IO;

/// <summary>The deflate bombs (built once per class: about a second of compression).</summary>
public sealed class DeflateBombFixture : IDisposable
{
    public DeflateBombFixture()
    {
        Dir = Directory.CreateTempSubdirectory("pixelscrub-bomb-").FullName;
        // 1 GiB of zeros inside a pixel data element that claims 4 GB, for a 16 x 16 image (512 bytes declared)
        PixelBomb = Path.Combine(Dir, "pixel-bomb.dcm");
        DeflatedFiles.WritePixelBomb(PixelBomb, 0xFFFFFFF0, 1L << 30);
        // a private element of 1 GiB before the pixel data
        HeaderBomb = Path.Combine(Dir, "header-bomb.dcm");
        DeflatedFiles.WriteHeaderBomb(HeaderBomb, 0x40000000, 1L << 30);
    }

    public string Dir { get; }
    public string PixelBomb { get; }
    public string HeaderBomb { get; }

    public void Dispose() => Directory.Delete(Dir, true);
}

public sealed class DeflatedReadingTests(DeflateBombFixture bombs) : IClassFixture<DeflateBombFixture>
{
    private const long MiB = 1 << 20;

    [Fact]
    public void Deflate_bomb_in_the_pixel_data_is_refused_with_offset_and_tag_within_bounded_memory()
    {
        Assert.True(new FileInfo(bombs.PixelBomb).Length < 8 * MiB, "the bomb is a few MB");
        var spool = Directory.CreateTempSubdirectory("pixelscrub-spool-").FullName;
        try
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(bombs.PixelBomb, DicomReadOptions.Default with { SpoolDirectory = spool }));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0x7FE00010u, ex.Tag);
            Assert.Contains("inflates past", ex.Message);
            Assert.Contains("512 bytes of pixel data it declares", ex.Message);
            Assert.Equal(bombs.PixelBomb, ex.FilePath);
            Assert.True(ex.Offset > 64 * MiB, $"offset {ex.Offset}");
            Assert.True(allocated < 32 * MiB, $"allocated {allocated / MiB} MiB reading a deflate bomb");
            Assert.Empty(Directory.GetFileSystemEntries(spool));
        }
        finally
        {
            Directory.Delete(spool, true);
        }
    }

    [Fact]
    public void Header_only_read_of_a_deflate_bomb_inflates_only_up_to_the_pixel_data()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var file = DicomFile.Open(bombs.PixelBomb, DicomReadOptions.Header);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(file.PixelDataInfo);
        Assert.Equal(DicomTag.PixelData, file.PixelDataInfo!.Tag);
        Assert.Equal(0xFFFFFFF0, file.PixelDataInfo.Length);
        Assert.Equal("16", file.Dataset.GetString(new DicomTag(0x0028, 0x0010)));
        Assert.True(allocated < 4 * MiB, $"allocated {allocated / MiB} MiB for a header-only read");
    }

    [Fact]
    public void Deflate_bomb_in_a_header_element_is_refused_naming_that_element()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(bombs.HeaderBomb, DicomReadOptions.Header));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0x00291010u, ex.Tag);
        Assert.Contains("inflated-size limit", ex.Message);
        Assert.True(allocated < 4 * MiB, $"allocated {allocated / MiB} MiB");
    }

    [Fact]
    public void Header_past_the_inflated_size_limit_is_refused_naming_the_element_being_read()
    {
        var path = Path.Combine(bombs.Dir, "small-elements.dcm");
        var options = DicomReadOptions.Header with { MaxInflatedHeaderBytes = 1 * MiB };
        DeflatedFiles.WriteImage(path, 1024, 1024);   // 2 MiB of pixel data; with a 1 MiB header limit the header is fine
        using (var ok = DicomFile.Open(path, options)) Assert.NotNull(ok.PixelDataInfo);

        var tiny = options with { MaxInflatedHeaderBytes = 100 };
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path, tiny));
        Assert.Contains("inflates past 100 bytes before its pixel data", ex.Message);
        Assert.NotNull(ex.Tag);
    }

    [Fact]
    public void Whole_read_of_a_large_deflated_image_spools_to_a_temp_file_that_dispose_deletes()
    {
        var path = Path.Combine(bombs.Dir, "large.dcm");
        var expected = DeflatedFiles.WriteImage(path, 2048, 2048);   // 8 MiB of pixel data
        var spool = Directory.CreateTempSubdirectory("pixelscrub-spool-").FullName;
        try
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var file = DicomFile.Open(path, DicomReadOptions.Default with { SpoolDirectory = spool });
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 4 * MiB, $"allocated {allocated / MiB} MiB: the pixel data should stay in the spool file");

            var pixels = Assert.IsType<FileRangeValue>(file.Dataset.Get(DicomTag.PixelData)!.Value);
            Assert.True(pixels.Temporary);
            Assert.Single(Directory.GetFiles(spool));
            Assert.Equal(expected, pixels.GetBytes().ToArray());

            file.Dispose();
            Assert.Empty(Directory.GetFileSystemEntries(spool));
        }
        finally
        {
            Directory.Delete(spool, true);
        }
    }

    [Fact]
    public void Read_remainder_of_a_deflated_header_only_read_gives_the_pixel_data()
    {
        var path = Path.Combine(bombs.Dir, "remainder.dcm");
        var expected = DeflatedFiles.WriteImage(path, 300, 200);
        using var file = DicomFile.Open(path, DicomReadOptions.Header);
        Assert.NotNull(file.PixelDataInfo);
        file.ReadRemainder();
        Assert.Null(file.PixelDataInfo);
        Assert.Equal(expected, file.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray());
    }

    [Fact]
    public void Unmodified_deflated_file_read_whole_is_written_back_byte_identical()
    {
        var path = Path.Combine(bombs.Dir, "copy-source.dcm");
        DeflatedFiles.WriteImage(path, 400, 300);
        var copy = Path.Combine(bombs.Dir, "copy.dcm");
        using (var file = DicomFile.Open(path)) DicomWriter.WriteFile(file, copy);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(copy));
    }
}
