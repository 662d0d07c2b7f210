using System.Buffers;
using PixelScrub.Codecs;
using PixelScrub.Masks;
using PixelScrub.Pixels;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs;

/// <summary>
/// Decode, fill a region, encode in the same transfer syntax: an independent decoder (dcmtk, or OpenJPEG's tool)
/// must see the region filled and every other sample identical to the input's decode.
/// </summary>
public sealed class CleanRoundTripTests
{
    private static readonly FrameCodecRegistry Codecs = FrameCodecRegistry.CreateDefault(nativeWorker: null);

    public static TheoryData<string, string> Files => new()
    {
        { "pydicom/MR_small_RLE.dcm", "dcmdrle" },
        { "pydicom/SC_rgb_rle_16bit_2frame.dcm", "dcmdrle" },
        { "pydicom/SC_rgb_rle_32bit.dcm", "dcmdrle" },
        { "pydicom/SC_rgb_jpeg_gdcm.dcm", "dcmdjpeg" },
        { "pydicom/MR_small_jpeg_ls_lossless.dcm", "dcmdjpls" },
        { "pydicom/MR_small_jp2klossless.dcm", "opj_decompress" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Region_is_filled_and_everything_else_is_unchanged(string file, string referenceDecoder)
    {
        var test = CodecTestFile.Load(file);
        Assert.True(Codecs.TryGet(test.TransferSyntax, out var codec));
        Assert.True(codec.IsLossless(test.TransferSyntax) && codec.CanEncode(test.TransferSyntax));
        var region = new Region(test.Layout.Columns / 4, test.Layout.Rows / 3, test.Layout.Columns / 2 + 1, test.Layout.Rows / 2 + 2);
        AssertCleanRoundTrip(test, codec, test.TransferSyntax, region, referenceDecoder);
    }

    [Fact]
    public void Jpeg_lossless_process_14_with_predictor_7_keeps_its_syntax()
    {
        var test = CodecTestFile.Compress("pydicom/CT_small.dcm", "dcmcjpeg", "+el", "+sv", "7", "+un");
        Assert.Equal("1.2.840.10008.1.2.4.57", test.TransferSyntax);
        var codec = Codecs.Require(test.TransferSyntax);
        AssertCleanRoundTrip(test, codec, test.TransferSyntax, new Region(0, 0, 60, 20), "dcmdjpeg");
    }

    private static void AssertCleanRoundTrip(CodecTestFile test, IFrameCodec codec, string uid, Region region, string referenceDecoder)
    {
        var layout = test.Layout;
        var frames = test.Frames();
        int frameBytes = (int)layout.BytesPerFrame;
        byte[] original = new byte[frameBytes * frames.Length];
        for (int f = 0; f < frames.Length; f++) codec.Decode(uid, frames[f], layout, original.AsSpan(f * frameBytes, frameBytes), f);

        byte[] cleaned = (byte[])original.Clone();
        for (int f = 0; f < frames.Length; f++) Fill(cleaned.AsSpan(f * frameBytes, frameBytes), layout, region);
        Assert.False(cleaned.AsSpan().SequenceEqual(original), "the region held non-zero samples before cleaning");

        var encoded = new List<byte[]>();
        for (int f = 0; f < frames.Length; f++)
        {
            var writer = new ArrayBufferWriter<byte>();
            codec.Encode(uid, cleaned.AsSpan(f * frameBytes, frameBytes), layout, writer, f);
            encoded.Add(writer.WrittenSpan.ToArray());
        }

        byte[] independent = referenceDecoder == "opj_decompress"
            ? encoded.SelectMany(ReferenceTool.OpjDecompress).ToArray()
            : CodecTestFile.DecodeWith(referenceDecoder, test.WithFrames(encoded));
        CodecTestFile.AssertSameSamples(independent, cleaned, $"{test.Path}: {referenceDecoder} decoding the cleaned frames");

        int bytes = layout.BitsAllocated / 8;
        int samples = layout.SamplesPerPixel;
        for (int f = 0; f < frames.Length; f++)
        {
            for (int y = 0; y < layout.Rows; y++)
            {
                for (int x = 0; x < layout.Columns; x++)
                {
                    bool inside = x >= region.X0 && x < region.X1 && y >= region.Y0 && y < region.Y1;
                    for (int s = 0; s < samples; s++)
                    {
                        int at = f * frameBytes + Offset(layout, x, y, s);
                        for (int b = 0; b < bytes; b++)
                        {
                            if (inside) Assert.Equal(0, independent[at + b]);
                            else if (independent[at + b] != original[at + b]) Assert.Fail($"sample ({x},{y}) of frame {f} changed outside the region");
                        }
                    }
                }
            }
        }
    }

    private static int Offset(PixelLayout layout, int x, int y, int sample)
    {
        int bytes = layout.BitsAllocated / 8;
        int pixel = y * layout.Columns + x;
        return layout.PlanarConfiguration == 1 && layout.SamplesPerPixel > 1
            ? (sample * layout.Rows * layout.Columns + pixel) * bytes
            : (pixel * layout.SamplesPerPixel + sample) * bytes;
    }

    private static void Fill(Span<byte> frame, PixelLayout layout, Region region)
    {
        int bytes = layout.BitsAllocated / 8;
        for (int y = region.Y0; y < region.Y1; y++)
        {
            for (int x = region.X0; x < region.X1; x++)
            {
                for (int s = 0; s < layout.SamplesPerPixel; s++) frame.Slice(Offset(layout, x, y, s), bytes).Clear();
            }
        }
    }
}
