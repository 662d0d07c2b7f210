using PixelScrub.Codecs.Native;
using PixelScrub.Tests.Support;
using static PixelScrub.Tests.Codecs.CodecTestFile;
using static PixelScrub.Tests.Codecs.Native.CharLsCodecTests;

namespace PixelScrub.Tests.Codecs.Native;

public sealed class OpenJpegCodecTests
{
    private static readonly OpenJpegCodec Codec = new();

    public static TheoryData<string> CorpusFiles => new()
    {
        "pydicom/JPEG2000.dcm",
        "pydicom/MR_small_jp2klossless.dcm",
    };

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Decode_matches_opj_decompress(string file)
    {
        var test = CodecTestFile.Load(file);
        var frames = test.Frames();
        byte[] actual = DecodeAll(Codec, test);
        int frameBytes = (int)test.Layout.BytesPerFrame;
        for (int f = 0; f < frames.Length; f++)
            CodecTestFile.AssertSameSamples(ReferenceTool.OpjDecompress(frames[f]), actual.AsSpan(f * frameBytes, frameBytes), $"{file} frame {f} vs opj_decompress");
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Lossless_encode_round_trips_and_opj_decompress_agrees(string file)
    {
        var test = CodecTestFile.Load(file);
        byte[] native = DecodeAll(Codec, test);
        var frames = EncodeAll(Codec, OpenJpegCodec.LosslessUid, native, test.Layout);
        Assert.True(native.AsSpan().SequenceEqual(DecodeFrames(Codec, OpenJpegCodec.LosslessUid, frames, test.Layout)), "round trip differs");
        Assert.Equal(0xFF, frames[0][0]);
        Assert.Equal(0x4F, frames[0][1]); // SOC: a bare code stream, as PS3.5 A.4.4 requires
        CodecTestFile.AssertSameSamples(ReferenceTool.OpjDecompress(frames[0]), native.AsSpan(0, (int)test.Layout.BytesPerFrame), "opj_decompress decoding our stream");
    }

    [Theory]
    [InlineData("pydicom/examples_rgb_color.dcm", 0)]
    [InlineData("pydicom/examples_rgb_color.dcm", 1)]
    [InlineData("pydicom/SC_rgb_small_odd.dcm", 0)]
    [InlineData("pydicom/CT_small.dcm", 0)]
    public void Native_images_round_trip_losslessly(string file, int planar)
    {
        // dcmcjpls gives us the native samples through a path we did not write (dcmdjpls of a lossless file).
        var test = CodecTestFile.Compress(file, "dcmcjpls", "+el");
        var layout = test.Layout with { PlanarConfiguration = planar };
        byte[] native = DecodeAll(new CharLsCodec(), test, layout);
        var frames = EncodeAll(Codec, OpenJpegCodec.LosslessUid, native, layout);
        Assert.True(native.AsSpan().SequenceEqual(DecodeFrames(Codec, OpenJpegCodec.LosslessUid, frames, layout)), "round trip differs");
    }

    /// <summary>
    /// Colour code streams from opj_compress: reversible with the RCT (lossless default) and irreversible with
    /// the ICT (lossy). OpenJPEG's raw output is by plane, so we compare with Planar Configuration 1.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("-r 20 -I")]
    [InlineData("-mct 0 -n 3")]
    public void Colour_streams_from_opj_compress_decode_like_opj_decompress(string optionText)
    {
        string[] options = optionText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var source = CodecTestFile.Compress("pydicom/examples_rgb_color.dcm", "dcmcjpls", "+el");
        byte[] rgb = DecodeAll(new CharLsCodec(), source);
        var layout = source.Layout with { PlanarConfiguration = 1 };
        string dir = Directory.CreateTempSubdirectory("pixelscrub-j2k-").FullName;
        try
        {
            string ppm = Path.Combine(dir, "in.ppm");
            string j2k = Path.Combine(dir, "out.j2k");
            File.WriteAllBytes(ppm, [.. System.Text.Encoding.ASCII.GetBytes($"P6\n{layout.Columns} {layout.Rows}\n255\n"), .. rgb]);
            var (code, stdout, stderr) = ReferenceTool.Run("opj_compress", ["-i", ppm, "-o", j2k, .. options]);
            if (code != 0) throw new InvalidOperationException($"opj_compress failed: {stdout} {stderr}");
            byte[] stream = File.ReadAllBytes(j2k);
            string uid = options.Contains("-I") ? OpenJpegCodec.LossyUid : OpenJpegCodec.LosslessUid;
            byte[] ours = DecodeFrames(Codec, uid, [stream], layout);
            CodecTestFile.AssertSameSamples(ReferenceTool.OpjDecompress(stream), ours, $"opj_compress {string.Join(' ', options)}");
            if (uid == OpenJpegCodec.LosslessUid) Assert.Equal(rgb, DecodeFrames(Codec, uid, [stream], source.Layout));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Corrupt_and_truncated_streams_throw_our_exception()
    {
        var test = CodecTestFile.Load("pydicom/MR_small_jp2klossless.dcm");
        byte[] frame = test.Frames()[0];
        byte[] destination = new byte[test.Layout.BytesPerFrame];
        var e = Assert.Throws<JpegFormatException>(() => Codec.Decode(OpenJpegCodec.LosslessUid, frame.AsSpan(0, 20), test.Layout, destination, 2));
        Assert.Equal(2, e.Frame);
        Assert.Throws<JpegFormatException>(() => Codec.Decode(OpenJpegCodec.LosslessUid, frame.AsSpan(0, frame.Length * 2 / 3), test.Layout, destination, 0));
        var wrongSize = test.Layout with { Columns = 32 };
        Assert.Contains("dataset declares", Assert.Throws<JpegFormatException>(() =>
            Codec.Decode(OpenJpegCodec.LosslessUid, frame, wrongSize, destination, 0)).Message);
    }

    [Fact]
    public void Missing_library_names_the_package()
    {
        var codec = new OpenJpegCodec("libopenjp2-not-here.so.7");
        var test = CodecTestFile.Load("pydicom/MR_small_jp2klossless.dcm");
        var e = Assert.Throws<UnsupportedInputException>(() =>
            codec.Decode(OpenJpegCodec.LosslessUid, test.Frames()[0], test.Layout, new byte[test.Layout.BytesPerFrame], 0));
        Assert.Contains("apt-get install libopenjp2-7", e.Message);
    }
}
