using PixelScrub.Codecs.Jpeg;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class JpegEncoderTests
{
    public static TheoryData<string, bool, int> Variants() => new()
    {
        { "444", false, 0 },
        { "422", false, 0 },
        { "420", false, 0 },
        { "444", true, 0 },
        { "422", true, 5 },
        { "420", true, 3 },
        { "420", false, 1 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void DjpegDecodesOurOutputCleanlyAndCloseToTheInput(string subsampling, bool optimize, int restart)
    {
        var sampling = subsampling switch { "444" => JpegChromaSampling.Full, "422" => JpegChromaSampling.Horizontal, _ => JpegChromaSampling.Both };
        const int width = 123, height = 77;
        byte[] rgb = PixelCodecFixtures.SmoothRgb(width, height, 21);
        var options = new JpegEncoderOptions { Quality = 90, Sampling = sampling, OptimizeHuffman = optimize, RestartInterval = restart };
        byte[] jpeg = JpegEncoder.Encode(rgb, width, height, JpegEncoderInput.Rgb, options);

        var (decoded, warnings) = PixelCodecFixtures.Djpeg(jpeg);
        Assert.Equal("", warnings);
        Assert.Equal((width, height, 3), (decoded.Width, decoded.Height, decoded.Channels));
        double psnr = PixelCodecFixtures.Psnr(rgb, decoded.Samples);
        // Chroma subsampling costs this image's colour edges a few dB whoever encodes it: compare with cjpeg
        // at the same quality and sampling, and ask for > 35 dB where nothing is subsampled.
        byte[] reference = PixelCodecFixtures.Cjpeg(rgb, width, height, 3, "-quality", "90", "-sample",
            sampling switch { JpegChromaSampling.Full => "1x1", JpegChromaSampling.Horizontal => "2x1", _ => "2x2" });
        double referencePsnr = PixelCodecFixtures.Psnr(rgb, PixelCodecFixtures.Djpeg(reference).Image.Samples);
        Assert.True(psnr > referencePsnr - 0.3, $"PSNR {psnr:F2} dB, cjpeg {referencePsnr:F2} dB");
        if (sampling == JpegChromaSampling.Full) Assert.True(psnr > 35, $"PSNR {psnr:F2} dB");

        byte[] ours = JpegPixelDecoder.Decode8(jpeg);
        int diff = PixelCodecFixtures.MaxDifference(decoded.Samples, Array.ConvertAll(ours, b => (int)b));
        Assert.True(diff <= 1, $"our decoder differs from djpeg by {diff}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(17, 1)]
    [InlineData(1, 33)]
    public void TinyColourImagesInEverySampling(int width, int height)
    {
        byte[] rgb = PixelCodecFixtures.SmoothRgb(width, height, 30);
        foreach (var sampling in new[] { JpegChromaSampling.Full, JpegChromaSampling.Horizontal, JpegChromaSampling.Both })
        {
            byte[] jpeg = JpegEncoder.Encode(rgb, width, height, JpegEncoderInput.Rgb,
                new JpegEncoderOptions { Sampling = sampling, OptimizeHuffman = true, RestartInterval = 1 });
            var (decoded, warnings) = PixelCodecFixtures.Djpeg(jpeg);
            Assert.Equal("", warnings);
            Assert.Equal((width, height), (decoded.Width, decoded.Height));
            int diff = PixelCodecFixtures.MaxDifference(decoded.Samples, Array.ConvertAll(JpegPixelDecoder.Decode8(jpeg), b => (int)b));
            Assert.True(diff <= 1, $"{sampling}: our decoder differs from djpeg by {diff}");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(9, 17)]
    [InlineData(200, 3)]
    public void GreyImagesOfAnySize(int width, int height)
    {
        byte[] grey = PixelCodecFixtures.SmoothGray(width, height, 4);
        byte[] jpeg = JpegEncoder.Encode(grey, width, height, JpegEncoderInput.Gray, new JpegEncoderOptions { Quality = 95 });
        var (decoded, warnings) = PixelCodecFixtures.Djpeg(jpeg);
        Assert.Equal("", warnings);
        Assert.Equal((width, height, 1), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.True(PixelCodecFixtures.Psnr(grey, decoded.Samples) > 35);
        Assert.Equal(decoded.Samples, Array.ConvertAll(JpegPixelDecoder.Decode8(jpeg), b => (int)b));
    }

    [Fact]
    public void YCbCrInputGivesTheSameStreamAsTheRgbItCameFrom()
    {
        const int width = 40, height = 24;
        byte[] rgb = PixelCodecFixtures.SmoothRgb(width, height, 8);
        var ycc = new byte[rgb.Length];
        var y = new byte[width];
        var cb = new byte[width];
        var cr = new byte[width];
        for (int row = 0; row < height; row++)
        {
            ColorConversion.RgbToYCbCr(rgb.AsSpan(row * width * 3, width * 3), width, y, cb, cr);
            for (int x = 0; x < width; x++)
            {
                int i = (row * width + x) * 3;
                ycc[i] = y[x];
                ycc[i + 1] = cb[x];
                ycc[i + 2] = cr[x];
            }
        }

        Assert.Equal(JpegEncoder.Encode(rgb, width, height, JpegEncoderInput.Rgb),
            JpegEncoder.Encode(ycc, width, height, JpegEncoderInput.YCbCr));
    }

    [Fact]
    public void HigherQualityMeansLargerFilesAndLessError()
    {
        const int width = 96, height = 64;
        byte[] rgb = PixelCodecFixtures.SmoothRgb(width, height, 2);
        int lastSize = 0;
        double lastPsnr = 0;
        foreach (int q in new[] { 20, 50, 75, 95 })
        {
            byte[] jpeg = JpegEncoder.Encode(rgb, width, height, JpegEncoderInput.Rgb, new JpegEncoderOptions { Quality = q, Sampling = JpegChromaSampling.Full });
            var (decoded, _) = PixelCodecFixtures.Djpeg(jpeg);
            double psnr = PixelCodecFixtures.Psnr(rgb, decoded.Samples);
            Assert.True(jpeg.Length > lastSize, $"quality {q}: {jpeg.Length} bytes");
            Assert.True(psnr > lastPsnr, $"quality {q}: {psnr:F1} dB");
            lastSize = jpeg.Length;
            lastPsnr = psnr;
        }
    }

    [Fact]
    public void OptimisedTablesMakeSmallerFiles()
    {
        byte[] rgb = PixelCodecFixtures.SmoothRgb(128, 96, 6);
        int standard = JpegEncoder.Encode(rgb, 128, 96, JpegEncoderInput.Rgb).Length;
        int optimised = JpegEncoder.Encode(rgb, 128, 96, JpegEncoderInput.Rgb, new JpegEncoderOptions { OptimizeHuffman = true }).Length;
        Assert.True(optimised < standard, $"{optimised} vs {standard}");
    }

    [Fact]
    public void StreamStructureIsBaseline()
    {
        byte[] rgb = PixelCodecFixtures.SmoothRgb(16, 16, 1);
        byte[] jpeg = JpegEncoder.Encode(rgb, 16, 16, JpegEncoderInput.Rgb, new JpegEncoderOptions { RestartInterval = 1, Sampling = JpegChromaSampling.Full });
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xE0], jpeg[..4]);
        Assert.Equal("JFIF\0"u8.ToArray(), jpeg[6..11]);
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);
        Assert.Contains(0xC0, MarkersOf(jpeg));
        Assert.Contains(0xDD, MarkersOf(jpeg));
        Assert.Equal(3, MarkersOf(jpeg).Count(m => m is >= 0xD0 and <= 0xD7)); // 4 MCUs, 3 restarts
        var noJfif = JpegEncoder.Encode(rgb, 16, 16, JpegEncoderInput.Rgb, new JpegEncoderOptions { WriteJfif = false });
        Assert.DoesNotContain(0xE0, MarkersOf(noJfif));
    }

    private static List<int> MarkersOf(byte[] jpeg)
    {
        var list = new List<int>();
        for (int i = 0; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] != 0x00 && jpeg[i + 1] != 0xFF) list.Add(jpeg[i + 1]);
        }

        return list;
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var px = new byte[12];
        Assert.Throws<ArgumentException>(() => JpegEncoder.Encode(px, 4, 4, JpegEncoderInput.Rgb));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(px, 0, 4, JpegEncoderInput.Gray));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(px, 2, 2, JpegEncoderInput.Gray, new JpegEncoderOptions { Quality = 0 }));
    }

    private static ushort[] TwelveBitGrey(int width, int height, int seed)
    {
        byte[] grey = PixelCodecFixtures.SmoothGray(width, height, seed);
        var random = new Random(seed);
        var samples = new ushort[grey.Length];
        for (int i = 0; i < grey.Length; i++) samples[i] = (ushort)Math.Clamp(grey[i] * 16 + random.Next(-8, 9), 0, 4095);
        return samples;
    }

    [Theory]
    [InlineData(64, 48, 0)]
    [InlineData(37, 29, 2)]
    public void TwelveBitGreyDecodesLikeDcmtksTwelveBitDecoder(int width, int height, int restart)
    {
        ushort[] samples = TwelveBitGrey(width, height, 3);
        byte[] jpeg = JpegEncoder.Encode12(samples, width, height, JpegEncoderInput.Gray,
            new JpegEncoderOptions { Quality = 90, RestartInterval = restart, WriteJfif = false });
        var coefficients = JpegCoefficientDecoder.Decode(jpeg);
        Assert.Equal((12, JpegMarker.Sof1), (coefficients.Frame.Precision, coefficients.Frame.Marker));

        ushort[] ours = JpegPixelDecoder.Decode16(jpeg);
        int[] reference = PixelCodecFixtures.WithTempFile(PixelCodecFixtures.WrapTwelveBitGreyInDicom(jpeg, width, height),
            "twelve.dcm", PixelCodecFixtures.DcmdjpegSamples16);
        int diff = PixelCodecFixtures.MaxDifference(reference, Array.ConvertAll(ours, v => (int)v));
        Assert.True(diff <= 1, $"differs from dcmdjpeg by {diff}");

        // Close to the input: error well under 1% of the 12-bit range.
        double sum = 0;
        for (int i = 0; i < samples.Length; i++) sum += Math.Abs(samples[i] - ours[i]);
        Assert.True(sum / samples.Length < 20, $"mean absolute error {sum / samples.Length:F1}");
    }

    [Fact]
    public void TwelveBitYCbCrWithSubsamplingRoundTrips()
    {
        const int width = 50, height = 34;
        ushort[] y = TwelveBitGrey(width, height, 8);
        var ycc = new ushort[width * height * 3];
        for (int i = 0; i < y.Length; i++)
        {
            ycc[3 * i] = y[i];
            ycc[3 * i + 1] = (ushort)(2048 + (i % width) * 8);
            ycc[3 * i + 2] = (ushort)(2048 - (i / width) * 8);
        }

        byte[] jpeg = JpegEncoder.Encode12(ycc, width, height, JpegEncoderInput.YCbCr, new JpegEncoderOptions { Quality = 95 });
        ushort[] back = JpegPixelDecoder.Decode16(jpeg, JpegColorTransform.None);
        double sum = 0;
        for (int i = 0; i < ycc.Length; i++) sum += Math.Abs(ycc[i] - back[i]);
        Assert.True(sum / ycc.Length < 16, $"mean absolute error {sum / ycc.Length:F1}");
        Assert.Throws<ArgumentException>(() => JpegEncoder.Encode12([4096], 1, 1, JpegEncoderInput.Gray));
        Assert.Throws<ArgumentException>(() => JpegEncoder.Encode12(ycc, width, height, JpegEncoderInput.Rgb));
    }
}
