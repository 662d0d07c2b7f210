using PixelScrub.Dicom;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.Values;

public sealed class ValueTests
{
    [Fact]
    public void Person_name_components_and_groups()
    {
        var pn = DicomPersonName.Parse("Yamada^Tarou^^Dr.^=山田^太郎=やまだ^たろう");
        Assert.Equal("Yamada", pn.Alphabetic.Family);
        Assert.Equal("Tarou", pn.Alphabetic.Given);
        Assert.Equal("Dr.", pn.Alphabetic.Prefix);
        Assert.Equal("山田", pn.Ideographic.Family);
        Assert.Equal("たろう", pn.Phonetic.Given);
        Assert.True(DicomPersonName.Parse("Doe").Ideographic.IsEmpty);
    }

    [Fact]
    public void Numbers_from_binary_and_string_numeric_vrs_and_multi_values()
    {
        var file = DicomFile.Open(SharedFiles.Corpus("pydicom/CT_small.dcm"));
        var ds = file.Dataset;
        Assert.Equal(128, ds.GetInteger(new DicomTag(0x0028, 0x0010)));                // US Rows
        Assert.Equal(1, ds.GetInteger(new DicomTag(0x0028, 0x0103)));                  // US Pixel Representation
        var position = ds.GetValues(new DicomTag(0x0020, 0x0032))!;                    // DS, VM 3
        Assert.Equal(3, position.Length);
        Assert.Equal(-158.135803, ds.GetDouble(new DicomTag(0x0020, 0x0032), 0)!.Value, 5);
        Assert.Equal("ORIGINAL\\PRIMARY\\AXIAL", ds.GetString(new DicomTag(0x0008, 0x0008)));
        var name = ds.GetPersonNames(new DicomTag(0x0010, 0x0010))!.Single();
        Assert.Equal("CompressedSamples", name.Alphabetic.Family);
        Assert.Equal("CT1", name.Alphabetic.Given);
    }

    [Fact]
    public void Big_endian_binary_values_read_the_same_as_little_endian()
    {
        var le = DicomFile.Open(SharedFiles.Corpus("pydicom/MR_small.dcm")).Dataset;
        var be = DicomFile.Open(SharedFiles.Corpus("pydicom/MR_small_bigendian.dcm")).Dataset;
        foreach (var tag in new[] { new DicomTag(0x0028, 0x0010), new DicomTag(0x0028, 0x0100), new DicomTag(0x0018, 0x0050) })
        {
            Assert.Equal(le.GetString(tag), be.GetString(tag));
        }
    }
}
