using PixelScrub.Dicom;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Pixels;

public sealed class PaletteReaderTests
{
    private static byte[] Words(params ushort[] w) => w.SelectMany(BitConverter.GetBytes).ToArray();

    private static DicomDataset Palette(Func<int, (ushort Element, DicomElement Data)> data)
    {
        var ds = new DicomDataset();
        for (int c = 0; c < 3; c++)
        {
            ds.Set(new DicomElement(new DicomTag(0x0028, (ushort)(0x1101 + c)), DicomVR.US, ElementValue.FromBytes(Words(8, 0, 16))));
            ds.Set(data(c).Data);
        }

        return ds;
    }

    [Fact]
    public void Segmented_palette_expands_discrete_and_linear_segments()
    {
        // each colour: discrete [100], then linear to 0 over 4 entries, then discrete [50, 60, 70]
        var ds = Palette(c => (0, new DicomElement(new DicomTag(0x0028, (ushort)(0x1221 + c)), DicomVR.OW,
            ElementValue.FromBytes(Words(0, 1, 100, 1, 4, 0, 0, 3, 50, 60, 70)))));
        var luts = PaletteReader.Read(ds);
        Assert.Equal(new ushort[] { 100, 75, 50, 25, 0, 50, 60, 70 }, luts.Red.Data.ToArray());
        Assert.Equal(8, luts.Green.EntryCount);
    }

    [Fact]
    public void Segmented_palette_that_falls_short_of_the_descriptor_is_refused()
    {
        var ds = Palette(c => (0, new DicomElement(new DicomTag(0x0028, (ushort)(0x1221 + c)), DicomVR.OW, ElementValue.FromBytes(Words(0, 2, 1, 2)))));
        var ex = Assert.Throws<UnsupportedInputException>(() => PaletteReader.Read(ds));
        Assert.Contains("Red segmented palette expands to 2 entries, 8 declared", ex.Message);
    }

    [Fact]
    public void Plain_palette_data_is_read_in_the_file_byte_order()
    {
        var ds = Palette(c => (0, new DicomElement(new DicomTag(0x0028, (ushort)(0x1201 + c)), DicomVR.OW,
            ElementValue.FromBytes(Words(1, 2, 3, 4, 5, 6, 7, (ushort)(8 + c))))));
        var luts = PaletteReader.Read(ds);
        Assert.Equal((ushort)10, luts.Blue.Data.Span[7]);
        Assert.Equal(16, luts.Red.BitsPerEntry);
    }
}
