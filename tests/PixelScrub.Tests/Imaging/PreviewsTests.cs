using System.IO.Compression;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Masks;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Imaging;

public sealed class PreviewsTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-preview-");

    public void Dispose() => _dir.Dispose();

    private string Cine()
    {
        using var zip = ZipFile.OpenRead(SharedFiles.Corpus("deid-data/ultrasounds/GREYSCALE_CINE.zip"));
        string path = Path.Combine(_dir, "GREYSCALE_CINE.dcm");
        zip.GetEntry("GREYSCALE_CINE.dcm")!.ExtractToFile(path);
        return path;
    }

    private static byte[] Dcmj2pnmFrame(string dicom, int frameNumber, string pnm)
    {
        var (code, stdout, stderr) = ReferenceTool.Run("dcmj2pnm", ["+F", frameNumber.ToString(), "+Wi", "1", "--no-overlays", "+op", dicom, pnm]);
        Assert.True(code == 0, stdout + stderr);
        return Assert.Single(NetpbmTool.ReadAll(File.ReadAllBytes(pnm))).Pixels;
    }

    [Fact]
    public void CineLoopBecomesAnApngWithEveryFrame()
    {
        string dicom = Cine();
        var image = DicomImage.FromFile(DicomFile.Open(dicom));
        Assert.Equal(27, image.FrameCount);
        Assert.Equal(33.333, image.FrameTimeMs, 3);

        string apng = Path.Combine(_dir, "cine.apng");
        Previews.SaveAnimation(apng, image, AnimationFormat.Apng);
        PngWriterTests.AssertPngcheckAccepts(apng);
        var decoded = PngTestDecoder.Decode(File.ReadAllBytes(apng));
        Assert.Equal(27, decoded.DeclaredFrames);
        Assert.Equal(27, decoded.Frames.Count);
        Assert.Equal((800, 600, 1), (decoded.Width, decoded.Height, decoded.Channels));

        // Frames 1, the middle one and the last, against DCMTK.
        foreach (int frame in new[] { 0, 13, 26 })
            Assert.Equal(Dcmj2pnmFrame(dicom, frame + 1, Path.Combine(_dir, $"f{frame}.pgm")), decoded.Frames[frame]);
        Assert.NotEqual(decoded.Frames[0], decoded.Frames[13]);
    }

    [Fact]
    public void CineLoopBecomesAGifWithEveryFrame()
    {
        string dicom = Cine();
        var image = DicomImage.FromFile(DicomFile.Open(dicom));
        string gif = Path.Combine(_dir, "cine.gif");
        Previews.SaveAnimation(gif, image, AnimationFormat.Gif, scale: 0.5);
        var frames = NetpbmTool.ReadAll(NetpbmTool.Run("giftopnm", "-image=all", gif));
        Assert.Equal(27, frames.Count);
        var expected = ImageScaler.Scale(image.Render(20), 0.5);
        var actual = frames[20].Channels == 1 ? frames[20].Pixels : frames[20].Pixels.Where((_, i) => i % 3 == 0).ToArray();
        Assert.Equal(expected.Pixels, actual);
    }

    [Fact]
    public void CompareOfACorpusImagePassesPngcheck()
    {
        var image = DicomImage.FromFile(DicomFile.Open(SharedFiles.Corpus("deid-data/ultrasounds/RGB_IMAGE.dcm")));
        var original = image.Render(0);
        var cleaned = image.Render(0);
        var region = new Region(0, 0, 1024, 49);
        for (int y = region.Y0; y < region.Y1; y++) cleaned.Row(y).Clear();
        string path = Path.Combine(_dir, "RGB_IMAGE.compare.png");
        Previews.SaveCompare(path, original, cleaned, [region], [new Region(100, 100, 300, 200)], "RGB_IMAGE.dcm\ngraylist: burned-in header", scale: 0.5);
        PngWriterTests.AssertPngcheckAccepts(path);
        var decoded = PngTestDecoder.Decode(File.ReadAllBytes(path));
        Assert.Equal((8 * 2 + 512 * 2 + 12, 3), (decoded.Width, decoded.Channels));
    }

    [Theory]
    [InlineData("1", 5, 0)]
    [InlineData("5", 5, 4)]
    [InlineData("middle", 5, 2)]
    [InlineData("middle", 1, 0)]
    [InlineData("MIDDLE", 4, 2)]
    [InlineData("first", 5, 0)]
    [InlineData("last", 5, 4)]
    public void FrameOptionsSelectOneFrame(string option, int count, int expected) =>
        Assert.Equal([expected], FrameChoice.Resolve(option, count));

    [Fact]
    public void FrameOptionAllAndBadOptions()
    {
        Assert.Equal([0, 1, 2], FrameChoice.Resolve("all", 3));
        Assert.Throws<ArgumentException>(() => FrameChoice.Resolve("0", 3));
        Assert.Throws<ArgumentException>(() => FrameChoice.Resolve("4", 3));
        Assert.Throws<ArgumentException>(() => FrameChoice.Resolve("-1", 3));
        Assert.Throws<ArgumentException>(() => FrameChoice.Resolve("middle-ish", 3));
    }

    [Fact]
    public void EncapsulatedFramesNeedADecoderAndSayWhichSyntax()
    {
        var image = DicomImage.FromFile(DicomFile.Open(SharedFiles.Corpus("pydicom/SC_rgb_jpeg_dcmtk.dcm")));
        Assert.True(image.IsEncapsulated);
        var ex = Assert.Throws<UnsupportedInputException>(() => image.Render(0));
        Assert.Contains("1.2.840.10008.1.2.4.50", ex.Message);
        Assert.Equal(0xFF, image.EncodedFrame(0)[0]); // SOI
        Assert.Equal(0xD8, image.EncodedFrame(0)[1]);
    }

    [Fact]
    public void TruncatedPixelDataIsRefusedBeforeRendering()
    {
        // MR_truncated.dcm is cut inside its pixel data: the reader or the size check refuses it.
        var ex = Record.Exception(() => DicomImage.FromFile(DicomFile.Open(SharedFiles.Corpus("pydicom/MR_truncated.dcm"))));
        Assert.IsAssignableFrom<PixelScrubException>(ex);
    }
}
