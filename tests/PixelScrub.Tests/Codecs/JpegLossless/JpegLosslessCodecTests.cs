using System.Buffers;
using PixelScrub.Codecs.JpegLossless;
using PixelScrub.Pixels;
using static PixelScrub.Tests.Codecs.CodecTestFile;

namespace PixelScrub.Tests.Codecs.JpegLossless;

public sealed class JpegLosslessCodecTests
{
    [Fact]
    public void Corpus_file_decodes_like_dcmdjpeg()
    {
        var test = CodecTestFile.Load("pydicom/SC_rgb_jpeg_gdcm.dcm");
        Assert.Equal(PixelScrub.Codecs.JpegLossless.JpegLossless.SelectionValue1Uid, test.TransferSyntax);
        CodecTestFile.AssertSameSamples(test.ReferenceNative("dcmdjpeg"), DecodeAll(test), "SC_rgb_jpeg_gdcm vs dcmdjpeg");
    }

    /// <summary>Native corpus images compressed by dcmcjpeg with every predictor and a point transform.</summary>
    public static TheoryData<string, string[]> DcmcjpegFiles()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var file in new[] { "pydicom/CT_small.dcm", "pydicom/SC_rgb_small_odd.dcm", "pydicom/examples_rgb_color.dcm" })
        {
            for (int sv = 1; sv <= 7; sv++) data.Add(file, ["+el", "+sv", sv.ToString(), "+un"]);
        }

        data.Add("pydicom/CT_small.dcm", ["+el", "+sv", "4", "+pt", "3", "+un"]);
        data.Add("pydicom/examples_overlay.dcm", ["+el", "+sv", "6", "+pt", "1", "+un"]);
        data.Add("pydicom/examples_palette.dcm", ["+e1", "+un"]);
        data.Add("pydicom/MR_small.dcm", ["+e1", "+un"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(DcmcjpegFiles))]
    public void Dcmcjpeg_output_decodes_like_dcmdjpeg_and_round_trips(string file, string[] options)
    {
        var test = CodecTestFile.Compress(file, "dcmcjpeg", options);
        byte[] native = DecodeAll(test);
        CodecTestFile.AssertSameSamples(test.ReferenceNative("dcmdjpeg"), native, $"{file} {string.Join(' ', options)} vs dcmdjpeg");

        // Our encoder, with the same predictor as the file (its Ss), round-trips and dcmdjpeg reads it back.
        int predictor = options.Contains("+sv") ? int.Parse(options[Array.IndexOf(options, "+sv") + 1]) : 1;
        var codec = new JpegLosslessCodec(predictor);
        var frames = EncodeAll(codec, test.TransferSyntax, native, test.Layout);
        Assert.True(native.AsSpan().SequenceEqual(DecodeFrames(codec, test.TransferSyntax, frames, test.Layout)), "round trip differs");
        CodecTestFile.AssertSameSamples(CodecTestFile.DecodeWith("dcmdjpeg", test.WithFrames(frames)), native, "dcmdjpeg decoding our stream");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(5, 16)]
    public void Restart_intervals_round_trip_and_dcmdjpeg_decodes_them(int predictor, int lines)
    {
        var test = CodecTestFile.Compress("pydicom/CT_small.dcm", "dcmcjpeg", "+el", "+sv", "1", "+un");
        byte[] native = DecodeAll(test);
        var codec = new JpegLosslessCodec(predictor, lines);
        var frames = EncodeAll(codec, test.TransferSyntax, native, test.Layout);
        Assert.True(frames[0].AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDD]) > 0, "DRI written");
        Assert.True(native.AsSpan().SequenceEqual(DecodeFrames(codec, test.TransferSyntax, frames, test.Layout)), "round trip differs");
        CodecTestFile.AssertSameSamples(CodecTestFile.DecodeWith("dcmdjpeg", test.WithFrames(frames)), native, "dcmdjpeg decoding our restart stream");
    }

    [Fact]
    public void Corpus_rle_and_jpeg_ls_images_round_trip_through_jpeg_lossless()
    {
        // Samples from decoders we did not write: dcmdrle output of every RLE corpus image that fits 8/16 bits.
        foreach (var file in new[] { "pydicom/MR_small_RLE.dcm", "pydicom/SC_rgb_rle.dcm", "pydicom/SC_rgb_rle_16bit_2frame.dcm" })
        {
            var test = CodecTestFile.Load(file);
            byte[] native = test.ReferenceNative("dcmdrle")[..(int)(test.Layout.BytesPerFrame * test.Layout.NumberOfFrames)];
            foreach (var uid in new[] { PixelScrub.Codecs.JpegLossless.JpegLossless.SelectionValue1Uid, PixelScrub.Codecs.JpegLossless.JpegLossless.Process14Uid })
            {
                var codec = new JpegLosslessCodec(7);
                var frames = EncodeAll(codec, uid, native, test.Layout);
                Assert.True(native.AsSpan().SequenceEqual(DecodeFrames(codec, uid, frames, test.Layout)), $"{file} {uid} round trip differs");
            }
        }
    }

    [Theory]
    [InlineData(2, 1, 0)]
    [InlineData(7, 1, 0)]
    [InlineData(8, 3, 0)]
    [InlineData(8, 3, 1)]
    [InlineData(12, 1, 0)]
    [InlineData(12, 4, 0)]
    [InlineData(15, 2, 1)]
    [InlineData(16, 1, 0)]
    [InlineData(16, 3, 0)]
    public void Random_frames_round_trip_with_every_predictor(int bits, int samples, int planar)
    {
        var random = new Random(bits * 100 + samples * 10 + planar);
        var layout = new PixelLayout
        {
            Rows = 23, Columns = 41, BitsAllocated = bits <= 8 ? 8 : 16, BitsStored = bits, SamplesPerPixel = samples,
            PlanarConfiguration = planar,
        };
        byte[] native = new byte[layout.BytesPerFrame];
        int count = layout.Rows * layout.Columns * samples;
        int max = (1 << bits) - 1;
        for (int i = 0; i < count; i++)
        {
            // Smooth areas, extremes (differences of +-32768 at 16 bits) and noise.
            int v = (i / 97 % 3) switch { 0 => random.Next(max + 1), 1 => (i & 1) == 0 ? 0 : max, _ => i % (max + 1) };
            if (layout.BitsAllocated == 8) native[i] = (byte)v;
            else { native[2 * i] = (byte)v; native[2 * i + 1] = (byte)(v >> 8); }
        }

        for (int predictor = 1; predictor <= 7; predictor++)
        {
            foreach (int lines in new[] { 0, 1, 5 })
            {
                var codec = new JpegLosslessCodec(predictor, lines);
                string uid = PixelScrub.Codecs.JpegLossless.JpegLossless.Process14Uid;
                var frames = EncodeAll(codec, uid, native, layout);
                Assert.True(native.AsSpan().SequenceEqual(DecodeFrames(codec, uid, frames, layout)), $"predictor {predictor}, restart {lines}");
            }
        }
    }

    /// <summary>
    /// A three-component image coded as three separate scans (T.81 A.2.2), with the Huffman table redefined
    /// before each: spliced from single-component streams of our encoder. dcmdjpeg must decode it to the same
    /// samples as we do.
    /// </summary>
    [Fact]
    public void Separate_component_scans_decode_like_dcmdjpeg()
    {
        var test = CodecTestFile.Compress("pydicom/examples_rgb_color.dcm", "dcmcjpeg", "+el", "+sv", "5", "+un");
        byte[] native = DecodeAll(test);
        var layout = test.Layout;
        int pixels = layout.Rows * layout.Columns;
        using var stream = new MemoryStream();
        stream.Write([0xFF, 0xD8, 0xFF, 0xC3, 0x00, 17, 8, (byte)(layout.Rows >> 8), (byte)layout.Rows, (byte)(layout.Columns >> 8), (byte)layout.Columns, 3,
            1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
        var grey = layout with { SamplesPerPixel = 1, PlanarConfiguration = 0, Photometric = "MONOCHROME2" };
        for (int c = 0; c < 3; c++)
        {
            byte[] plane = new byte[pixels];
            for (int p = 0; p < pixels; p++) plane[p] = native[p * 3 + c];
            var writer = new ArrayBufferWriter<byte>();
            new JpegLosslessCodec(c + 2).Encode(PixelScrub.Codecs.JpegLossless.JpegLossless.Process14Uid, plane, grey, writer, 0);
            byte[] single = writer.WrittenSpan.ToArray();
            // Copy DHT, then SOS with the component id changed, then the entropy data up to EOI.
            int pos = 2;
            while (true)
            {
                byte marker = single[pos + 1];
                int length = single[pos + 2] << 8 | single[pos + 3];
                if (marker == 0xC4) stream.Write(single, pos, 2 + length);
                if (marker == 0xDA)
                {
                    byte[] sos = single.AsSpan(pos, 2 + length).ToArray();
                    sos[5] = (byte)(c + 1);
                    stream.Write(sos);
                    int eoi = single.AsSpan().LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]);
                    stream.Write(single, pos + 2 + length, eoi - (pos + 2 + length));
                    break;
                }

                pos += 2 + length;
            }
        }

        stream.Write([0xFF, 0xD9]);
        byte[] frame = stream.ToArray();
        Assert.Equal(native, DecodeFrames(JpegLosslessCodec.Instance, test.TransferSyntax, [frame], layout));
        CodecTestFile.AssertSameSamples(CodecTestFile.DecodeWith("dcmdjpeg", test.WithFrames([frame])), native, "dcmdjpeg decoding separate scans");
    }

    /// <summary>A frame header with 0 lines and a DNL segment after the scan (T.81 B.2.5) decodes when DNL agrees with Rows.</summary>
    [Fact]
    public void Height_from_dnl_is_accepted_when_it_matches_rows()
    {
        var test = CodecTestFile.Load("pydicom/SC_rgb_jpeg_gdcm.dcm");
        byte[] native = DecodeAll(test);
        var writer = new ArrayBufferWriter<byte>();
        JpegLosslessCodec.Instance.Encode(test.TransferSyntax, native, test.Layout, writer, 0);
        byte[] frame = writer.WrittenSpan.ToArray();
        int sof = frame.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC3]);
        frame[sof + 5] = 0;
        frame[sof + 6] = 0;
        int eoi = frame.AsSpan().LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]);
        byte[] Dnl(int lines) => [.. frame.AsSpan(0, eoi), 0xFF, 0xDC, 0x00, 0x04, (byte)(lines >> 8), (byte)lines, 0xFF, 0xD9];
        Assert.Equal(native, DecodeFrames(JpegLosslessCodec.Instance, test.TransferSyntax, [Dnl(test.Layout.Rows)], test.Layout));
        var e = Assert.Throws<JpegFormatException>(() => DecodeFrames(JpegLosslessCodec.Instance, test.TransferSyntax, [Dnl(test.Layout.Rows + 1)], test.Layout));
        Assert.Contains("DNL", e.Message);
    }

    internal static byte[] DecodeAll(CodecTestFile test) => DecodeFrames(JpegLosslessCodec.Instance, test.TransferSyntax, test.Frames(), test.Layout);
}
