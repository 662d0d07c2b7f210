using System.Buffers;
using PixelScrub.Codecs;
using PixelScrub.Codecs.Native;
using PixelScrub.Pixels;
using static PixelScrub.Tests.Codecs.CodecTestFile;

namespace PixelScrub.Tests.Codecs.Native;

public sealed class CharLsCodecTests
{
    private static readonly CharLsCodec Codec = new();

    public static TheoryData<string> CorpusFiles => new()
    {
        "pydicom/MR_small_jpeg_ls_lossless.dcm",
        "pydicom/JPEGLSNearLossless_08.dcm",
    };

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Decode_matches_dcmdjpls(string file)
    {
        var test = CodecTestFile.Load(file);
        byte[] actual = DecodeAll(Codec, test);
        CodecTestFile.AssertSameSamples(test.ReferenceNative("dcmdjpls"), actual, $"{file} vs dcmdjpls");
    }

    /// <summary>Colour and grey files made by dcmcjpls in each interleave mode, lossless and near-lossless.</summary>
    public static TheoryData<string, string> DcmcjplsFiles => new()
    {
        { "pydicom/SC_rgb_small_odd.dcm", "+il" },
        { "pydicom/examples_rgb_color.dcm", "+il" },
        { "pydicom/examples_rgb_color.dcm", "+is" },
        { "pydicom/examples_rgb_color.dcm", "+in" },
        { "pydicom/CT_small.dcm", "+el" },
        { "pydicom/examples_overlay.dcm", "+en" },
        { "pydicom/examples_rgb_color.dcm", "+en" },
        { "pydicom/examples_overlay.dcm", "+el" },
        { "pydicom/examples_palette.dcm", "+el" },
    };

    [Theory]
    [MemberData(nameof(DcmcjplsFiles))]
    public void Dcmcjpls_output_decodes_like_dcmdjpls(string file, string option)
    {
        var test = CodecTestFile.Compress(file, "dcmcjpls", option);
        CodecTestFile.AssertSameSamples(test.ReferenceNative("dcmdjpls"), DecodeAll(Codec, test), $"{file} {option} vs dcmdjpls");
    }

    [Theory]
    [InlineData("pydicom/MR_small_jpeg_ls_lossless.dcm")]
    [InlineData("pydicom/JPEGLSNearLossless_08.dcm")]
    public void Lossless_encode_round_trips_and_dcmdjpls_decodes_it(string file)
    {
        var test = CodecTestFile.Load(file);
        byte[] native = DecodeAll(Codec, test);
        var frames = EncodeAll(Codec, CharLsCodec.LosslessUid, native, test.Layout);
        byte[] back = DecodeFrames(Codec, CharLsCodec.LosslessUid, frames, test.Layout);
        Assert.True(native.AsSpan().SequenceEqual(back), "JPEG-LS lossless round trip differs");
        // Every row, the near-lossless source too: its frames are re-encoded lossless (NEAR = 0 in the stream, which is
        // what a JPEG-LS decoder reads), so dcmdjpls must give back exactly our samples.
        CodecTestFile.AssertSameSamples(CodecTestFile.DecodeWith("dcmdjpls", test.WithFrames(frames)), native, $"dcmdjpls decoding our stream of {file}");
    }

    [Fact]
    public void Colour_planar_round_trip()
    {
        var test = CodecTestFile.Compress("pydicom/examples_rgb_color.dcm", "dcmcjpls", "+is");
        var planarLayout = test.Layout with { PlanarConfiguration = 1 };
        byte[] planar = DecodeAll(Codec, test, planarLayout);
        byte[] interleaved = DecodeAll(Codec, test);
        int pixels = test.Layout.Rows * test.Layout.Columns;
        Assert.Equal(interleaved[3 * 1000 + 2], planar[2 * pixels + 1000]);
        var frames = EncodeAll(Codec, CharLsCodec.LosslessUid, planar, planarLayout);
        Assert.True(interleaved.AsSpan().SequenceEqual(DecodeFrames(Codec, CharLsCodec.LosslessUid, frames, test.Layout)));
    }

    [Fact]
    public void Corrupt_and_truncated_streams_throw_our_exception()
    {
        var test = CodecTestFile.Load("pydicom/MR_small_jpeg_ls_lossless.dcm");
        byte[] frame = test.Frames()[0];
        byte[] destination = new byte[test.Layout.BytesPerFrame];
        var e = Assert.Throws<JpegFormatException>(() => Codec.Decode(CharLsCodec.LosslessUid, frame.AsSpan(0, 30), test.Layout, destination, 4));
        Assert.Equal(4, e.Frame);
        Assert.Throws<JpegFormatException>(() => Codec.Decode(CharLsCodec.LosslessUid, frame.AsSpan(0, frame.Length / 2), test.Layout, destination, 0));
        var wrongSize = test.Layout with { Rows = 32 };
        Assert.Contains("dataset declares", Assert.Throws<JpegFormatException>(() =>
            Codec.Decode(CharLsCodec.LosslessUid, frame, wrongSize, destination, 0)).Message);
    }

    [Fact]
    public void Missing_library_names_the_package()
    {
        var codec = new CharLsCodec("libcharls-not-here.so.2");
        var test = CodecTestFile.Load("pydicom/MR_small_jpeg_ls_lossless.dcm");
        var e = Assert.Throws<UnsupportedInputException>(() =>
            codec.Decode(CharLsCodec.LosslessUid, test.Frames()[0], test.Layout, new byte[test.Layout.BytesPerFrame], 0));
        Assert.Contains("apt-get install libcharls2", e.Message);
    }

    internal static byte[] DecodeAll(IFrameCodec codec, CodecTestFile test, PixelLayout? layout = null) =>
        DecodeFrames(codec, test.TransferSyntax, test.Frames(), layout ?? test.Layout);
}
