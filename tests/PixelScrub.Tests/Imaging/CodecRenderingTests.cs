using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Imaging;

/// <summary>
/// Syntaxes dcmj2pnm does not render (JPEG-LS, JPEG 2000): rendered through the frame codecs and compared with the
/// rendering of the same pixels stored natively (the lossless twins in the corpus, or DCMTK's dcmdjpls output).
/// </summary>
public sealed class CodecRenderingTests
{
    private static readonly CodecFrameDecoder Decoder = new(FrameCodecRegistry.CreateDefault(null));

    [Theory]
    [InlineData("pydicom/MR_small_jp2klossless.dcm")]
    [InlineData("pydicom/MR_small_jpeg_ls_lossless.dcm")]
    [InlineData("pydicom/MR_small_RLE.dcm")]
    public void LosslessTwinsRenderLikeTheNativeFile(string corpusFile)
    {
        var native = DicomImage.FromFile(DicomFile.Open(SharedFiles.Corpus("pydicom/MR_small.dcm"))).Render(0);
        var image = DicomImage.FromFile(DicomFile.Open(SharedFiles.Corpus(corpusFile)));
        Assert.True(image.IsEncapsulated);
        Assert.Equal(native.Pixels, image.Render(0, decoder: Decoder).Pixels);
    }

    [Fact]
    public void NearLosslessJpegLsRendersLikeDcmdjplsOutput()
    {
        string native = Path.Combine(Path.GetTempPath(), $"pixelscrub-jls-{Guid.NewGuid():N}.dcm");
        try
        {
            string source = SharedFiles.Corpus("pydicom/JPEGLSNearLossless_08.dcm");
            var (code, stdout, stderr) = ReferenceTool.Run("dcmdjpls", [source, native]);
            Assert.True(code == 0, stdout + stderr);
            var expected = DicomImage.FromFile(DicomFile.Open(native)).Render(0);
            var actual = DicomImage.FromFile(DicomFile.Open(source)).Render(0, decoder: Decoder);
            Assert.Equal(expected.Pixels, actual.Pixels);
        }
        finally
        {
            File.Delete(native);
        }
    }

    [Fact]
    public void WithoutACodecTheReasonNamesTheSyntax()
    {
        var image = DicomImage.FromFile(DicomFile.Open(SharedFiles.Corpus("pydicom/MR_small_RLE.dcm")));
        var jpegOnly = new CodecFrameDecoder(null);
        Assert.False(jpegOnly.CanDecode(image.TransferSyntax));
        var ex = Assert.Throws<UnsupportedInputException>(() => image.Render(0, decoder: jpegOnly));
        Assert.Contains("1.2.840.10008.1.2.5", ex.Message);
    }

    [Fact]
    public void CorruptJpegFramesFailWithTheFrameNumber()
    {
        var image = DicomImage.FromFile(DicomFile.Open(SharedFiles.Corpus("pydicom/SC_rgb_jpeg_dcmtk.dcm")));
        var frame = image.EncodedFrame(0);
        var cut = frame.AsSpan(0, frame.Length / 2).ToArray();
        var decoder = new CodecFrameDecoder(null);
        var ex = Assert.ThrowsAny<PixelScrubException>(() => decoder.Decode(image.TransferSyntax, cut, image.Layout, 0));
        if (ex is JpegFormatException jpeg) Assert.Equal(0, jpeg.Frame);
    }
}
