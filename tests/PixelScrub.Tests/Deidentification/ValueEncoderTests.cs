using PixelScrub.Deidentification;
using PixelScrub.Dicom;

namespace PixelScrub.Tests.Deidentification;

/// <summary>New values are checked against their VR (PS3.5 Table 6.2-1) before they are stored.</summary>
public sealed class ValueEncoderTests
{
    [Theory]
    [InlineData("DA", "20240101", true)]
    [InlineData("DA", "2024-01-01", false)]
    [InlineData("UI", "1.2.840.10008", true)]
    [InlineData("UI", "1.02.3", false)]
    [InlineData("CS", "YES", true)]
    [InlineData("CS", "yes", false)]
    [InlineData("SH", "12345678901234567", false)]
    [InlineData("TM", "120000.123", true)]
    [InlineData("TM", "12:00", false)]
    [InlineData("US", "65536", false)]
    [InlineData("IS", "12", true)]
    [InlineData("DS", "1.5e3", true)]
    [InlineData("AS", "045Y", true)]
    public void Values_are_checked_against_their_VR(string vr, string value, bool fits)
    {
        Assert.True(DicomVR.TryParse(vr, out var v));
        var ds = new DicomDataset();
        Assert.Equal(fits, ValueEncoder.TryEncode(ds, new DicomTag(0x0011, 0x1010), v, value, out _, out var error));
        if (!fits) Assert.Contains("(0011,1010)", error);
    }

    [Fact]
    public void Binary_values_are_encoded_in_the_dataset_byte_order()
    {
        var big = new DicomDataset(bigEndian: true);
        Assert.True(ValueEncoder.TryEncode(big, new DicomTag(0x0028, 0x0010), DicomVR.US, "258", out var e, out _));
        Assert.Equal(new byte[] { 1, 2 }, e.Value.GetBytes().ToArray());
    }
}
