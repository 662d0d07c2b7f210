using PixelScrub.Dicom;
using PixelScrub.Imaging;

namespace PixelScrub.Tests.Imaging;

/// <summary>Render parameters read from synthetic datasets: functional groups, LUT sequences, palettes.</summary>
public sealed class DicomImageTests
{
    private static DicomImage Open(DatasetBuilder builder) =>
        DicomImage.FromFile(DicomFile.Read(new MemoryStream(builder.ToPart10())));

    private static DatasetBuilder Pixels(int rows, int columns, int bitsAllocated, int bitsStored, string photometric, int frames = 1)
    {
        var b = new DatasetBuilder()
            .US(0x0028, 0x0002, 1)
            .Text(0x0028, 0x0004, "CS", photometric);
        if (frames > 1) b.Text(0x0028, 0x0008, "IS", frames.ToString());
        return b.US(0x0028, 0x0010, (ushort)rows)
            .US(0x0028, 0x0011, (ushort)columns)
            .US(0x0028, 0x0100, (ushort)bitsAllocated)
            .US(0x0028, 0x0101, (ushort)bitsStored)
            .US(0x0028, 0x0102, (ushort)(bitsStored - 1))
            .US(0x0028, 0x0103, 0);
    }

    [Fact]
    public void FunctionalGroupsOverrideTheTopLevelPerFrame()
    {
        var shared = new DatasetBuilder().Sequence(0x0028, 0x9145, new DatasetBuilder()
            .Text(0x0028, 0x1052, "DS", "-1000")
            .Text(0x0028, 0x1053, "DS", "2")
            .Text(0x0028, 0x1054, "LO", "HU"));
        var frame1 = new DatasetBuilder().Sequence(0x0028, 0x9132, new DatasetBuilder()
            .Text(0x0028, 0x1050, "DS", "0")
            .Text(0x0028, 0x1051, "DS", "101"));
        var frame2 = new DatasetBuilder().Sequence(0x0028, 0x9132, new DatasetBuilder()
            .Text(0x0028, 0x1050, "DS", "1000")
            .Text(0x0028, 0x1051, "DS", "11")
            .Text(0x0028, 0x1056, "CS", "LINEAR_EXACT"));
        var file = Pixels(1, 3, 16, 12, "MONOCHROME2", frames: 2)
            .Text(0x0028, 0x1050, "DS", "5000")
            .Text(0x0028, 0x1051, "DS", "1")
            .Sequence(0x5200, 0x9229, shared)
            .Sequence(0x5200, 0x9230, frame1, frame2)
            .OW(0x7FE0, 0x0010, 450, 500, 550, 995, 1000, 1005);
        var image = Open(file);
        Assert.Equal(2, image.FrameCount);

        var p1 = image.ParametersFor(0);
        Assert.Equal((2.0, -1000.0), (p1.RescaleSlope, p1.RescaleIntercept));
        Assert.Equal([new VoiWindow(0, 101)], p1.Windows);
        Assert.Equal(VoiFunction.Linear, p1.VoiFunction);
        var p2 = image.ParametersFor(1);
        Assert.Equal([new VoiWindow(1000, 11)], p2.Windows);
        Assert.Equal(VoiFunction.LinearExact, p2.VoiFunction);

        // Frame 1: HU -100, 0, 100 through c 0 w 101 (LINEAR): left = -50.5, 0 -> 50.5 * 255 / 100.
        Assert.Equal(new byte[] { 0, 128, 255 }, image.Render(0).Pixels);
        // Frame 2: HU 990, 1000, 1010 through c 1000 w 11 (LINEAR_EXACT): left = 994.5.
        Assert.Equal(new byte[] { 0, 127, 255 }, image.Render(1).Pixels);
    }

    [Fact]
    public void ModalityAndVoiLutSequencesAreRead()
    {
        var modality = new DatasetBuilder()
            .US(0x0028, 0x3002, 4, 0, 12)
            .OW(0x0028, 0x3006, 0, 1000, 3000, 4000);
        var voi1 = new DatasetBuilder().US(0x0028, 0x3002, 2, 1000, 8).OW(0x0028, 0x3006, 0, 255);
        var voi2 = new DatasetBuilder().US(0x0028, 0x3002, 2, 0, 16).OW(0x0028, 0x3006, 65535, 0);
        var file = Pixels(1, 4, 8, 8, "MONOCHROME2")
            .Sequence(0x0028, 0x3000, modality)
            .Sequence(0x0028, 0x3010, voi1, voi2)
            .Bytes(0x7FE0, 0x0010, "OB", [0, 1, 2, 3]);
        var image = Open(file);
        var p = image.ParametersFor(0);
        Assert.NotNull(p.ModalityLut);
        Assert.Equal(2, p.VoiLuts.Count);
        Assert.Equal(new byte[] { 0, 0, 255, 255 }, image.Render(0).Pixels); // VOI LUT 1: below 1000 -> 0, 1000+ -> 255
        Assert.Equal(new byte[] { 255, 0, 0, 0 }, image.Render(0, VoiSelection.VoiLut, voiIndex: 1).Pixels); // inputs >= 1 clamp to the last entry
        Assert.Equal(new byte[] { 0, 63, 191, 255 }, image.Render(0, VoiSelection.MinMax).Pixels);
    }

    [Fact]
    public void SegmentedAndPlainPalettesAreRead()
    {
        // Red: segmented (discrete 0, linear to 0xFF00 over 3); green: plain 16-bit; blue: 8-bit entries packed as bytes.
        var file = Pixels(1, 4, 8, 8, "PALETTE COLOR")
            .US(0x0028, 0x1101, 4, 0, 16)
            .US(0x0028, 0x1102, 4, 0, 16)
            .US(0x0028, 0x1103, 4, 0, 8)
            .OW(0x0028, 0x1202, 0xFFFF, 0x8000, 0x0100, 0)
            .Bytes(0x0028, 0x1203, "OW", [9, 8, 7, 6])
            .OW(0x0028, 0x1221, 0, 1, 0, 1, 3, 0xFF00)
            .Bytes(0x7FE0, 0x0010, "OB", [0, 1, 2, 3]);
        var rgb = Open(file).Render(0);
        Assert.Equal(3, rgb.Channels);
        Assert.Equal(new byte[] { 0, 255, 9, 0x55, 0x80, 8, 0xAA, 1, 7, 0xFF, 0, 6 }, rgb.Pixels);
    }

    [Fact]
    public void InconsistentHeadersGiveOneLineReasons()
    {
        var noRows = new DatasetBuilder().US(0x0028, 0x0011, 2).US(0x0028, 0x0100, 8).Bytes(0x7FE0, 0x0010, "OB", [1, 2]);
        Assert.Contains("Rows", Assert.Throws<UnsupportedInputException>(() => Open(noRows)).Message);

        var shortData = Pixels(4, 4, 16, 16, "MONOCHROME2").OW(0x7FE0, 0x0010, 1, 2, 3);
        Assert.Contains("need 32", Assert.Throws<UnsupportedInputException>(() => Open(shortData)).Message);

        var badFrames = Pixels(1, 1, 8, 8, "MONOCHROME2").Text(0x0028, 0x0008, "IS", "x").Bytes(0x7FE0, 0x0010, "OB", [1, 2]);
        Assert.Throws<UnsupportedInputException>(() => Open(badFrames));

        var noPalette = Pixels(1, 2, 8, 8, "PALETTE COLOR").Bytes(0x7FE0, 0x0010, "OB", [1, 2]);
        Assert.Throws<UnsupportedInputException>(() => Open(noPalette).Render(0));

        var noPixels = Pixels(1, 2, 8, 8, "MONOCHROME2");
        Assert.Throws<UnsupportedInputException>(() => Open(noPixels));
    }
}
