using PixelScrub.Dicom.IO;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Imaging;

public sealed class PreviewSetTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-set-");

    public void Dispose() => _dir.Dispose();

    private static DicomImage ThreeFrames(byte fill)
    {
        var pixels = new byte[3 * 6 * 8];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 5);
        for (int i = 0; i < 6 * 8; i++) pixels[6 * 8 + i] = fill; // frame 2 is flat
        var file = new DatasetBuilder()
            .US(0x0028, 0x0002, 1)
            .Text(0x0028, 0x0004, "CS", "MONOCHROME2")
            .Text(0x0028, 0x0008, "IS", "3")
            .US(0x0028, 0x0010, 6)
            .US(0x0028, 0x0011, 8)
            .US(0x0028, 0x0100, 8)
            .US(0x0028, 0x0101, 8)
            .US(0x0028, 0x0102, 7)
            .US(0x0028, 0x0103, 0)
            .Text(0x0028, 0x1050, "DS", "128")
            .Text(0x0028, 0x1051, "DS", "256")
            .Bytes(0x7FE0, 0x0010, "OB", pixels);
        return DicomImage.FromFile(DicomFile.Read(new MemoryStream(file.ToPart10())));
    }

    [Fact]
    public void SetHasOriginalCleanedCompareAndAnimation()
    {
        var written = Previews.WriteSet(_dir, "cine", ThreeFrames(7), ThreeFrames(0), [new PixelScrub.Masks.Region(0, 0, 8, 2)], [], "label", "middle");
        Assert.Equal(["cine.original.png", "cine.cleaned.png", "cine.compare.png", "cine.cleaned.apng"], written.Select(Path.GetFileName));
        foreach (var path in written) PngWriterTests.AssertPngcheckAccepts(path);
        Assert.Equal(Enumerable.Repeat((byte)7, 48), PngTestDecoder.Decode(File.ReadAllBytes(written[0])).Frames[0]);
        Assert.Equal(new byte[48], PngTestDecoder.Decode(File.ReadAllBytes(written[1])).Frames[0]);
        var apng = PngTestDecoder.Decode(File.ReadAllBytes(written[3]));
        Assert.Equal(3, apng.Frames.Count);
        Assert.Equal(ThreeFrames(0).Render(0).Pixels, apng.Frames[0]);

        var all = Previews.WriteSet(_dir, "each", ThreeFrames(7), ThreeFrames(0), [], [], "", "all", scale: 2);
        Assert.Equal(3 * 3 + 1, all.Count);
        Assert.Contains(all, p => Path.GetFileName(p) == "each.f0003.compare.png");
        Assert.Equal(16, PngTestDecoder.Decode(File.ReadAllBytes(all[0])).Width);
        Assert.Empty(Directory.GetFiles(_dir, AtomicFile.TempPrefix + "*"));

        Assert.Throws<ArgumentException>(() => Previews.WriteSet(_dir, "x", ThreeFrames(7), ThreeFrames(0), [], [], "", "4"));
    }
}
