using System.Buffers;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class JpegCoefficientDecoderTests
{
    /// <summary>jpegtran -optimize rewrites the entropy coding with other tables but keeps the coefficients.</summary>
    [Theory]
    [MemberData(nameof(JpegTestFiles.CorpusCases), MemberType = typeof(JpegTestFiles))]
    public void CorpusFrames_DecodeToTheCoefficientsJpegtranKeeps(string file)
    {
        using var dir = new TempDir();
        var frames = JpegTestFiles.CorpusFrames(file);
        Assert.NotEmpty(frames);
        foreach (var frame in frames)
        {
            var ours = JpegCoefficientDecoder.Decode(frame);
            if (ours.Frame.Precision != 8) continue; // libjpeg-turbo 2.1 jpegtran is 8-bit only; covered by re-encode below
            var transcoded = Jpegtran(dir, frame, "-optimize", "-copy", "none");
            var theirs = JpegCoefficientDecoder.Decode(transcoded);
            AssertSameCoefficients(ours, theirs);
        }
    }

    /// <summary>Our re-encoding of the decoded coefficients decodes (by djpeg) to exactly the original pixels.</summary>
    [Theory]
    [MemberData(nameof(JpegTestFiles.CorpusCases), MemberType = typeof(JpegTestFiles))]
    public void CorpusFrames_ReencodedCoefficientsRoundTrip(string file)
    {
        using var dir = new TempDir();
        foreach (var frame in JpegTestFiles.CorpusFrames(file))
        {
            var coefficients = JpegCoefficientDecoder.Decode(frame);
            var writer = new ArrayBufferWriter<byte>();
            JpegCoefficientEncoder.Encode(coefficients, new JpegEncodeOptions { RestartInterval = 3 }, writer);
            var again = JpegCoefficientDecoder.Decode(writer.WrittenSpan);
            AssertSameCoefficients(coefficients, again);
            if (coefficients.Frame.Precision == 8)
            {
                var (original, _) = JpegTestFiles.Djpeg(dir, frame);
                var (ours, err) = JpegTestFiles.Djpeg(dir, writer.WrittenSpan.ToArray());
                Assert.Equal("", err);
                Assert.Equal(original, ours);
            }
        }
    }

    public static IEnumerable<object[]> GeneratedCases()
    {
        yield return [37, 23, false, new[] { "-sample", "1x1" }];
        yield return [64, 48, false, new[] { "-sample", "2x1" }];
        yield return [61, 45, false, new[] { "-sample", "2x2" }];
        yield return [70, 33, false, new[] { "-sample", "4x1" }];
        yield return [50, 50, false, new[] { "-sample", "1x2" }];
        yield return [77, 41, false, new[] { "-sample", "2x2", "-restart", "2B" }];
        yield return [77, 41, false, new[] { "-sample", "1x1", "-restart", "1B" }];
        yield return [129, 67, false, new[] { "-sample", "2x2", "-restart", "1", "-optimize" }];
        yield return [33, 17, true, new[] { "-restart", "3B" }];
        yield return [1, 1, true, Array.Empty<string>()];
        yield return [9, 300, false, new[] { "-sample", "2x1", "-quality", "100" }];
    }

    [Theory]
    [MemberData(nameof(GeneratedCases))]
    public void GeneratedImages_DecodeToTheCoefficientsJpegtranKeeps(int width, int height, bool gray, string[] args)
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, width, height, gray, width * 31 + height, args);
        var ours = JpegCoefficientDecoder.Decode(jpeg);
        Assert.Equal(width, ours.Frame.Width);
        Assert.Equal(height, ours.Frame.Height);
        AssertSameCoefficients(ours, JpegCoefficientDecoder.Decode(Jpegtran(dir, jpeg, "-optimize")));
        // and a non-interleaved re-encode (one scan per component) of ours round-trips through djpeg
        var writer = new ArrayBufferWriter<byte>();
        JpegCoefficientEncoder.Encode(ours, new JpegEncodeOptions { Interleaved = false, OptimizeHuffmanTables = false, WriteJfif = true }, writer);
        AssertSameCoefficients(ours, JpegCoefficientDecoder.Decode(writer.WrittenSpan));
        var (expected, _) = JpegTestFiles.Djpeg(dir, jpeg);
        var (actual, err) = JpegTestFiles.Djpeg(dir, writer.WrittenSpan.ToArray());
        Assert.Equal("", err);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Frame_GeometryFollowsT81A11()
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, 61, 45, false, 7, "-sample", "2x2");
        var f = JpegCoefficientDecoder.Decode(jpeg).Frame;
        Assert.Equal(2, f.HMax);
        Assert.Equal(2, f.VMax);
        Assert.Equal(4, f.McusPerLine);   // ceil(61/16)
        Assert.Equal(3, f.McusPerColumn); // ceil(45/16)
        Assert.Equal(8, f.Components[0].WidthInBlocks);
        Assert.Equal(6, f.Components[0].HeightInBlocks);
        Assert.Equal(31, f.Components[1].Width);   // ceil(61/2)
        Assert.Equal(4, f.Components[1].WidthInBlocks);
        Assert.Equal(23, f.Components[1].Height);
        Assert.Equal(3, f.Components[1].HeightInBlocks);
        Assert.Equal(4, f.Components[1].BlocksPerLine);
    }

    [Fact]
    public void ProgressiveAndArithmetic_AreRefusedAsUnsupported()
    {
        using var dir = new TempDir();
        var progressive = JpegTestFiles.MakeJpeg(dir, 32, 32, false, 1, "-progressive");
        var e = Assert.Throws<UnsupportedInputException>(() => JpegCoefficientDecoder.Decode(progressive));
        Assert.Contains("progressive", e.Message);
        var arithmetic = JpegTestFiles.MakeJpeg(dir, 32, 32, false, 1, "-arithmetic");
        Assert.Throws<UnsupportedInputException>(() => JpegCoefficientDecoder.Decode(arithmetic));
    }

    [Fact]
    public void Lossless_IsLeftToTheLosslessCodec()
    {
        var frame = JpegTestFiles.CorpusFrames("pydicom/SC_rgb_jpeg_gdcm.dcm")[0];
        var e = Assert.Throws<UnsupportedInputException>(() => JpegCoefficientDecoder.Decode(frame));
        Assert.Contains("lossless", e.Message);
    }

    [Fact]
    public void TwelveBitExtended_IsRecognised()
    {
        var frame = JpegTestFiles.CorpusFrames("pydicom/JPEG-lossy.dcm")[0];
        var c = JpegCoefficientDecoder.Decode(frame);
        Assert.Equal(12, c.Frame.Precision);
        Assert.Equal(JpegMarker.Sof1, c.Frame.Marker);
    }

    internal static byte[] Jpegtran(TempDir dir, byte[] jpeg, params string[] args)
    {
        string input = dir.File($"t{Guid.NewGuid():N}.jpg");
        string output = input + ".out.jpg";
        File.WriteAllBytes(input, jpeg);
        var all = new List<string>(args) { "-outfile", output, input };
        var (code, _, err) = ReferenceTool.Run("jpegtran", all);
        Assert.True(code == 0, $"jpegtran failed: {err}");
        return File.ReadAllBytes(output);
    }

    internal static void AssertSameCoefficients(JpegCoefficients expected, JpegCoefficients actual)
    {
        Assert.Equal(expected.Frame.Components.Length, actual.Frame.Components.Length);
        for (int c = 0; c < expected.Frame.Components.Length; c++)
        {
            var comp = expected.Frame.Components[c];
            // Compare the blocks that cover the samples: padding blocks differ between interleaved and not.
            for (int by = 0; by < comp.HeightInBlocks; by++)
            {
                for (int bx = 0; bx < comp.WidthInBlocks; bx++)
                {
                    var a = expected.Block(c, bx, by);
                    var b = actual.Block(c, bx, by);
                    if (!a.SequenceEqual(b)) Assert.Fail($"component {c} block ({bx},{by}) differs");
                }
            }

            Assert.Equal(expected.QuantTableOf(c).ToArray(), actual.QuantTableOf(c).ToArray());
        }
    }
}
