using System.Buffers.Binary;
using PixelScrub.Codecs.Rle;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Codecs.Rle;

/// <summary>Malformed RLE frames: each must throw our exception naming the frame, never decode past the damage.</summary>
public sealed class RleMalformedTests
{
    private static readonly PixelLayout Mono8 = new() { Rows = 2, Columns = 4, BitsAllocated = 8, BitsStored = 8 };

    private static byte[] Frame(uint count, uint[] offsets, params byte[] data)
    {
        byte[] frame = new byte[64 + data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, count);
        for (int i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4 + 4 * i), offsets[i]);
        data.CopyTo(frame, 64);
        return frame;
    }

    private static DicomFormatException Fails(byte[] frame, PixelLayout layout, int frameIndex = 3)
    {
        byte[] destination = new byte[layout.BytesPerFrame];
        var e = Assert.Throws<DicomFormatException>(() => RleDecoder.Decode(frame, layout, destination, frameIndex));
        Assert.Contains($"frame {frameIndex}", e.Message);
        return e;
    }

    [Fact]
    public void Well_formed_reference_frame_decodes()
    {
        // 8 bytes: replicate 5 x 0x07, literal 1 2 3 (hex vector: FC 07 02 01 02 03)
        byte[] frame = Frame(1, [64], 0xFC, 0x07, 0x02, 0x01, 0x02, 0x03);
        byte[] destination = new byte[8];
        RleDecoder.Decode(frame, Mono8, destination, 0);
        Assert.Equal(new byte[] { 7, 7, 7, 7, 7, 1, 2, 3 }, destination);
    }

    [Fact]
    public void Wrong_segment_count_is_rejected() =>
        Assert.Contains("declares 2 segments", Fails(Frame(2, [64, 66], 0xF9, 0x00), Mono8).Message);

    [Fact]
    public void Segment_count_over_15_is_rejected() =>
        Fails(Frame(16, [64], 0xF9, 0x00), Mono8);

    [Fact]
    public void First_offset_not_64_is_rejected() =>
        Assert.Contains("must start at 64", Fails(Frame(1, [66], 0xF9, 0x00, 0xF9, 0x00), Mono8).Message);

    [Fact]
    public void Offset_past_the_end_is_rejected()
    {
        var rgb = Mono8 with { SamplesPerPixel = 3 };
        Assert.Contains("past the end", Fails(Frame(3, [64, 66, 9000], 0xF9, 0x00, 0xF9, 0x00), rgb).Message);
    }

    [Fact]
    public void Offsets_out_of_order_are_rejected()
    {
        var rgb = Mono8 with { SamplesPerPixel = 3 };
        Assert.Contains("before segment", Fails(Frame(3, [64, 68, 66], 0xF9, 0x00, 0xF9, 0x00, 0xF9, 0x00), rgb).Message);
    }

    [Fact]
    public void Short_segment_is_rejected() =>
        Assert.Contains("ends after 7 decoded bytes", Fails(Frame(1, [64], 0xFA, 0x00), Mono8).Message);

    [Fact]
    public void Overlong_segment_is_rejected() =>
        Assert.Contains("more than 8 bytes", Fails(Frame(1, [64], 0xF8, 0x00), Mono8).Message);

    [Fact]
    public void Literal_cut_off_by_the_end_is_rejected() =>
        Fails(Frame(1, [64], 0x07, 0x01, 0x02), Mono8);

    [Fact]
    public void Trailing_data_after_the_segment_is_rejected() =>
        Assert.Contains("bytes after", Fails(Frame(1, [64], 0xF9, 0x00, 0x00, 0x00, 0x00), Mono8).Message);

    [Fact]
    public void Truncated_header_is_rejected() =>
        Assert.Contains("64-byte RLE header", Fails(new byte[40], Mono8).Message);

    [Fact]
    public void Truncated_corpus_frame_is_rejected()
    {
        var test = CodecTestFile.Load("pydicom/SC_rgb_rle.dcm");
        byte[] frame = test.Frames()[0];
        for (int cut = 1; cut < frame.Length - 64; cut += 37)
        {
            byte[] destination = new byte[test.Layout.BytesPerFrame];
            Assert.Throws<DicomFormatException>(() => RleDecoder.Decode(frame.AsSpan(0, frame.Length - cut - 1), test.Layout, destination, 0));
        }
    }

    [Fact]
    public void Unsupported_layouts_throw_unsupported()
    {
        byte[] frame = Frame(1, [64], 0xF9, 0x00);
        Assert.Throws<UnsupportedInputException>(() => RleDecoder.Decode(frame, Mono8 with { BitsAllocated = 12 }, new byte[16], 0));
        Assert.Throws<UnsupportedInputException>(() => RleDecoder.Decode(frame, Mono8 with { SamplesPerPixel = 2 }, new byte[16], 0));
    }

    /// <summary>
    /// Seeded mutation fuzz over every corpus RLE frame: only our exception escapes, and a frame that still
    /// decodes is one whose every segment decodes to exactly Rows x Columns bytes (checked by re-encoding
    /// the output and decoding it back identically).
    /// </summary>
    [Fact]
    public void Mutation_fuzz_only_throws_our_exception()
    {
        var random = new Random(20261121);
        foreach (var file in new[] { "pydicom/SC_rgb_rle.dcm", "pydicom/MR_small_RLE.dcm", "pydicom/SC_rgb_rle_32bit.dcm" })
        {
            var test = CodecTestFile.Load(file);
            byte[] original = test.Frames()[0];
            byte[] destination = new byte[test.Layout.BytesPerFrame];
            int decoded = 0, refused = 0;
            for (int iteration = 0; iteration < 700; iteration++)
            {
                byte[] mutated = (byte[])original.Clone();
                int edits = random.Next(1, 6);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(mutated.Length);
                    mutated[at] = random.Next(4) switch
                    {
                        0 => (byte)random.Next(256),
                        1 => (byte)(mutated[at] ^ (1 << random.Next(8))),
                        2 => 0x80,
                        _ => 0xFF,
                    };
                }

                int length = random.Next(5) == 0 ? random.Next(mutated.Length + 1) : mutated.Length;
                try
                {
                    RleDecoder.Decode(mutated.AsSpan(0, length), test.Layout, destination, 0);
                    // Whatever decoded is a complete frame: it re-encodes and decodes back identically.
                    var writer = new System.Buffers.ArrayBufferWriter<byte>();
                    RleEncoder.Encode(destination, test.Layout, writer);
                    byte[] again = new byte[destination.Length];
                    RleDecoder.Decode(writer.WrittenSpan, test.Layout, again, 0);
                    Assert.Equal(destination, again);
                    decoded++;
                }
                catch (DicomFormatException)
                {
                    refused++;
                }
                catch (UnsupportedInputException)
                {
                    refused++;
                }
            }

            // Both outcomes are reached: the mutations exercise the decoder, not only its first checks.
            Assert.True(decoded >= 50 && refused >= 200, $"{file}: {decoded} decoded, {refused} refused of 700");
        }
    }
}
