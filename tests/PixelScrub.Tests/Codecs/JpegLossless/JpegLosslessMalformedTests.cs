using System.Buffers;
using PixelScrub.Codecs.JpegLossless;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Codecs.JpegLossless;

/// <summary>Malformed JPEG lossless frames: each throws our exception with the frame number; none decodes past damage.</summary>
public sealed class JpegLosslessMalformedTests
{
    private const string Uid = PixelScrub.Codecs.JpegLossless.JpegLossless.Process14Uid;

    private static (byte[] Frame, PixelLayout Layout) Sample(int restartLines = 0)
    {
        var test = CodecTestFile.Load("pydicom/SC_rgb_jpeg_gdcm.dcm");
        if (restartLines == 0) return (test.Frames()[0], test.Layout);
        byte[] native = JpegLosslessCodecTests.DecodeAll(test);
        var writer = new ArrayBufferWriter<byte>();
        new JpegLosslessCodec(1, restartLines).Encode(Uid, native, test.Layout, writer, 0);
        return (writer.WrittenSpan.ToArray(), test.Layout);
    }

    private static JpegFormatException Fails(ReadOnlySpan<byte> frame, PixelLayout layout, int frameIndex = 5)
    {
        byte[] destination = new byte[layout.BytesPerFrame];
        byte[] copy = frame.ToArray();
        var e = Assert.Throws<JpegFormatException>(() => JpegLosslessCodec.Instance.Decode(Uid, copy, layout, destination, frameIndex));
        Assert.Equal(frameIndex, e.Frame);
        return e;
    }

    [Fact]
    public void Truncated_streams_are_rejected()
    {
        var (frame, layout) = Sample();
        foreach (int keep in new[] { 1, 2, 10, 40, frame.Length / 3, frame.Length / 2, frame.Length - 40, frame.Length - 4 })
            Fails(frame.AsSpan(0, keep), layout);
    }

    [Fact]
    public void Missing_eoi_is_rejected()
    {
        var (frame, layout) = Sample();
        int eoi = frame.AsSpan().LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]);
        Assert.Contains("ends before EOI", Fails(frame.AsSpan(0, eoi), layout).Message);
    }

    [Fact]
    public void Frame_that_disagrees_with_the_dataset_is_rejected()
    {
        var (frame, layout) = Sample();
        Assert.Contains("dataset declares", Fails(frame, layout with { Rows = 99 }).Message);
        Assert.Contains("dataset declares", Fails(frame, layout with { SamplesPerPixel = 1, PlanarConfiguration = 0 }).Message);
    }

    [Fact]
    public void A_baseline_frame_under_a_lossless_syntax_is_rejected()
    {
        var test = CodecTestFile.Load("pydicom/SC_rgb_jpeg_dcmtk.dcm");
        Assert.Contains("not lossless (SOF3)", Fails(test.Frames()[0], test.Layout).Message);
    }

    [Fact]
    public void Stream_decoding_to_more_samples_than_the_frame_is_rejected()
    {
        // The same scan with one line fewer in the frame header: data is left over at the end of the scan.
        var (frame, layout) = Sample();
        byte[] shorter = (byte[])frame.Clone();
        int sof = shorter.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC3]);
        shorter[sof + 6]--; // low byte of Y
        Assert.Contains("more data than its samples need", Fails(shorter, layout with { Rows = layout.Rows - 1 }).Message);
    }

    [Fact]
    public void Wrong_or_missing_restart_marker_is_rejected()
    {
        var (frame, layout) = Sample(restartLines: 10);
        int rst = frame.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD0]);
        Assert.True(rst > 0);
        byte[] wrong = (byte[])frame.Clone();
        wrong[rst + 1] = 0xD3;
        Assert.Contains("expected RST0", Fails(wrong, layout).Message);
        byte[] missing = [.. frame.AsSpan(0, rst), .. frame.AsSpan(rst + 2)];
        Fails(missing, layout);
    }

    [Fact]
    public void Bad_predictor_and_point_transform_are_rejected()
    {
        var (frame, layout) = Sample();
        int sos = frame.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        int ns = frame[sos + 4];
        int ss = sos + 5 + 2 * ns;
        byte[] zero = (byte[])frame.Clone();
        zero[ss] = 0;
        Assert.Contains("predictor selection value 0", Fails(zero, layout).Message);
        byte[] pt = (byte[])frame.Clone();
        pt[ss + 2] = 0x08; // Al = 8 = P
        Assert.Contains("point transform", Fails(pt, layout).Message);
    }

    /// <summary>
    /// Seeded mutation fuzz: only our exceptions escape, every call returns (no hang), and a mutated stream that
    /// still decodes is a complete, consistent stream (re-encoding its output round-trips).
    /// </summary>
    [Fact]
    public void Mutation_fuzz_only_throws_our_exceptions()
    {
        var random = new Random(7070);
        foreach (int restart in new[] { 0, 7 })
        {
            var (original, layout) = Sample(restart);
            byte[] destination = new byte[layout.BytesPerFrame];
            int decoded = 0, refused = 0;
            int sos = original.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
            int predictor = sos + 5 + 2 * original[sos + 4];   // Ss of the scan header (T.81 B.2.3)
            for (int iteration = 0; iteration < 600; iteration++)
            {
                byte[] mutated = (byte[])original.Clone();
                // One in four: another valid predictor (T.81 Table H.1), the same bits decoding to other samples; any
                // change to the entropy-coded data itself leaves bits over or short, which is refused.
                bool newPredictor = random.Next(4) == 0;
                if (newPredictor) mutated[predictor] = (byte)random.Next(1, 8);
                int edits = newPredictor && random.Next(2) == 0 ? 0 : random.Next(1, 5);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(mutated.Length);
                    mutated[at] = random.Next(3) switch
                    {
                        0 => (byte)random.Next(256),
                        1 => (byte)(mutated[at] ^ (1 << random.Next(8))),
                        _ => 0xFF,
                    };
                }

                int length = random.Next(6) == 0 ? random.Next(mutated.Length + 1) : mutated.Length;
                try
                {
                    JpegLosslessCodec.Instance.Decode(Uid, mutated.AsSpan(0, length), layout, destination, 0);
                    var writer = new ArrayBufferWriter<byte>();
                    JpegLosslessCodec.Instance.Encode(Uid, destination, layout, writer, 0);
                    byte[] again = new byte[destination.Length];
                    JpegLosslessCodec.Instance.Decode(Uid, writer.WrittenSpan, layout, again, 0);
                    Assert.Equal(destination, again);
                    decoded++;
                }
                catch (JpegFormatException)
                {
                    refused++;
                }
                catch (UnsupportedInputException)
                {
                    refused++;
                }
            }

            // Both outcomes are reached: the mutations exercise the decoder, not only its first checks.
            Assert.True(decoded >= 25 && refused >= 300, $"restart {restart}: {decoded} decoded, {refused} refused of 600");
        }
    }
}
