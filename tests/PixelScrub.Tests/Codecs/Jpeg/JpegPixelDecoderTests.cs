using PixelScrub.Codecs.Jpeg;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class JpegPixelDecoderTests
{
    public static TheoryData<string, int, int, bool, string[]> CjpegCases() => new()
    {
        { "444", 64, 48, false, ["-sample", "1x1"] },
        { "422", 64, 48, false, ["-sample", "2x1"] },
        { "420", 64, 48, false, ["-sample", "2x2"] },
        { "411", 64, 48, false, ["-sample", "4x1"] },
        { "440", 64, 48, false, ["-sample", "1x2"] },
        { "420 odd size", 37, 23, false, ["-sample", "2x2"] },
        { "422 odd size", 61, 9, false, ["-sample", "2x1"] },
        { "411 odd size", 45, 17, false, ["-sample", "4x1"] },
        { "420 narrow (2 chroma columns: replicated)", 3, 20, false, ["-sample", "2x2"] },
        { "420 tiny", 1, 1, false, ["-sample", "2x2"] },
        { "grey", 50, 30, true, [] },
        { "grey odd", 13, 7, true, [] },
        { "restart every 2 rows", 64, 48, false, ["-sample", "2x2", "-restart", "2"] },
        { "restart every 3 MCUs", 70, 41, false, ["-sample", "2x1", "-restart", "3B"] },
        { "optimised tables", 64, 48, false, ["-optimize"] },
        { "quality 100", 40, 40, false, ["-quality", "100", "-sample", "1x1"] },
        { "quality 5", 40, 40, false, ["-quality", "5"] },
        { "RGB components", 40, 24, false, ["-rgb"] },
        { "mixed sampling", 48, 32, false, ["-sample", "2x2,1x2,2x1"] },
    };

    [Theory]
    [MemberData(nameof(CjpegCases))]
    public void MatchesDjpegOnCjpegImages(string name, int width, int height, bool grey, string[] args)
    {
        int channels = grey ? 1 : 3;
        byte[] source = grey ? PixelCodecFixtures.SmoothGray(width, height, 5) : PixelCodecFixtures.SmoothRgb(width, height, 5);
        byte[] jpeg = PixelCodecFixtures.Cjpeg(source, width, height, channels, grey ? [.. args, "-grayscale"] : args);
        var (reference, warnings) = PixelCodecFixtures.Djpeg(jpeg);
        Assert.Equal("", warnings);

        byte[] ours = JpegPixelDecoder.Decode8(jpeg);
        Assert.Equal(reference.Samples.Length, ours.Length);
        int[] oursInt = Array.ConvertAll(ours, b => (int)b);
        int diff = PixelCodecFixtures.MaxDifference(reference.Samples, oursInt);
        Assert.True(diff <= 1, $"{name}: max difference {diff} from djpeg");
    }

    [Theory]
    [MemberData(nameof(JpegTestFiles.CorpusCases), MemberType = typeof(JpegTestFiles))]
    public void CorpusFramesMatchTheReferenceDecoders(string file)
    {
        var frames = JpegTestFiles.CorpusFrames(file);
        Assert.NotEmpty(frames);
        for (int f = 0; f < frames.Count; f++)
        {
            var coefficients = JpegCoefficientDecoder.Decode(frames[f]);
            int diff;
            if (coefficients.Frame.Precision == 8)
            {
                // djpeg decides the colour model from the code stream the same way JpegColorTransform.Auto does.
                var (reference, _) = PixelCodecFixtures.Djpeg(frames[f]);
                var ours = new byte[JpegPixelDecoder.SampleCount(coefficients.Frame)];
                JpegPixelDecoder.Decode(coefficients, JpegColorTransform.Auto, ours);
                diff = PixelCodecFixtures.MaxDifference(reference.Samples, Array.ConvertAll(ours, b => (int)b));
            }
            else
            {
                // libjpeg-turbo 2.1's djpeg is 8-bit only: dcmtk's 12-bit IJG build is the reference here.
                Assert.Single(frames);
                int[] reference = PixelCodecFixtures.DcmdjpegSamples16(SharedFiles.Corpus(file));
                var ours = new ushort[JpegPixelDecoder.SampleCount(coefficients.Frame)];
                JpegPixelDecoder.Decode(coefficients, JpegColorTransform.Auto, ours);
                diff = PixelCodecFixtures.MaxDifference(reference, Array.ConvertAll(ours, v => (int)v));
            }

            Assert.True(diff <= 1, $"{file} frame {f}: max difference {diff}");
        }
    }

    [Fact]
    public void IslowIdctAndFancyUpsamplingMatchDjpegExactlyOnCommonSampling()
    {
        // Not only within +-1: with the same integer IDCT, upsampler and colour tables the samples are equal.
        foreach (var sample in new[] { "1x1", "2x1", "2x2" })
        {
            byte[] source = PixelCodecFixtures.SmoothRgb(96, 64, 9);
            byte[] jpeg = PixelCodecFixtures.Cjpeg(source, 96, 64, 3, "-sample", sample, "-quality", "80");
            var (reference, _) = PixelCodecFixtures.Djpeg(jpeg);
            byte[] ours = JpegPixelDecoder.Decode8(jpeg);
            Assert.Equal(reference.Samples, Array.ConvertAll(ours, b => (int)b));
        }
    }

    [Fact]
    public void NoColorTransformKeepsYCbCr()
    {
        byte[] source = PixelCodecFixtures.SmoothRgb(32, 32, 3);
        byte[] jpeg = PixelCodecFixtures.Cjpeg(source, 32, 32, 3, "-sample", "1x1");
        byte[] ycc = JpegPixelDecoder.Decode8(jpeg, JpegColorTransform.None);
        byte[] rgb = JpegPixelDecoder.Decode8(jpeg, JpegColorTransform.YCbCrToRgb);
        var (reference, _) = PixelCodecFixtures.Djpeg(jpeg);
        Assert.Equal(reference.Samples, Array.ConvertAll(rgb, b => (int)b));
        // Converting our YCbCr output afterwards gives the same RGB.
        var converted = new byte[rgb.Length];
        var y = new byte[32 * 32];
        var cb = new byte[32 * 32];
        var cr = new byte[32 * 32];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = ycc[3 * i];
            cb[i] = ycc[3 * i + 1];
            cr[i] = ycc[3 * i + 2];
        }

        ColorConversion.YCbCrToRgb<byte>(y, cb, cr, y.Length, converted, 128, 255);
        Assert.Equal(rgb, converted);
    }

    [Fact]
    public void NonInterleavedScansDecodeLikeTheInterleavedOriginal()
    {
        // One scan per component (T.81 A.2.2) with restarts, written by the coefficient encoder from a cjpeg file.
        byte[] source = PixelCodecFixtures.SmoothRgb(53, 37, 14);
        byte[] jpeg = PixelCodecFixtures.Cjpeg(source, 53, 37, 3, "-sample", "2x2");
        var coefficients = JpegCoefficientDecoder.Decode(jpeg);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        JpegCoefficientEncoder.Encode(coefficients, new JpegEncodeOptions { Interleaved = false, RestartInterval = 4, WriteJfif = true }, writer);
        byte[] separate = writer.WrittenSpan.ToArray();

        var (reference, warnings) = PixelCodecFixtures.Djpeg(separate);
        Assert.Equal("", warnings);
        byte[] ours = JpegPixelDecoder.Decode8(separate);
        Assert.Equal(reference.Samples, Array.ConvertAll(ours, b => (int)b));
        Assert.Equal(JpegPixelDecoder.Decode8(jpeg), ours);
    }

    [Fact]
    public void FractionalSamplingRatiosAreRefused()
    {
        // H = 3 beside Hmax = 2 cannot be upsampled by a whole factor (T.81 allows it; libjpeg refuses it too).
        var components = new[] { new JpegComponent(0, 1, 2, 1, 0), new JpegComponent(1, 2, 3, 1, 0) };
        var frame = new JpegFrame(JpegMarker.Sof1, 8, 48, 8, components, 0);
        var quant = new ushort[]?[4];
        quant[0] = new ushort[64];
        Array.Fill(quant[0]!, (ushort)1);
        var blocks = new short[2][];
        for (int c = 0; c < 2; c++) blocks[c] = new short[components[c].BlocksPerLine * components[c].BlocksPerColumn * 64];
        var coefficients = new JpegCoefficients(frame, quant, blocks, 0, false, -1);
        var output = new byte[JpegPixelDecoder.SampleCount(frame)];
        Assert.Throws<UnsupportedInputException>(() => JpegPixelDecoder.Decode(coefficients, JpegColorTransform.None, output));
    }

    [Fact]
    public void CorruptStreamsFailWithOurExceptionsOnly()
    {
        // Seeded mutations of a restart-coded 4:2:0 file: every outcome is samples or a PixelScrubException.
        byte[] source = PixelCodecFixtures.SmoothRgb(48, 40, 12);
        byte[] jpeg = PixelCodecFixtures.Cjpeg(source, 48, 40, 3, "-sample", "2x2", "-restart", "1");
        var random = new Random(99);
        int failures = 0;
        for (int trial = 0; trial < 1500; trial++)
        {
            byte[] mutated = (byte[])jpeg.Clone();
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits; e++) mutated[random.Next(2, mutated.Length)] = (byte)random.Next(256);
            if (random.Next(4) == 0) mutated = mutated[..random.Next(2, mutated.Length)];
            try
            {
                byte[] pixels = JpegPixelDecoder.Decode8(mutated);
                Assert.Equal(JpegPixelDecoder.SampleCount(JpegCoefficientDecoder.Decode(mutated).Frame), pixels.Length);
            }
            catch (PixelScrubException)
            {
                failures++;
            }
        }

        Assert.InRange(failures, 1, 1499);
    }
}
