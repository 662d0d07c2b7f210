using System.Buffers;
using System.Buffers.Binary;
using PixelScrub.Codecs.Rle;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Codecs.Rle;

public sealed class RleCodecTests
{
    /// <summary>Every RLE file in the corpus.</summary>
    public static TheoryData<string> CorpusFiles => new()
    {
        "pydicom/MR_small_RLE.dcm",
        "pydicom/SC_rgb_rle.dcm",
        "pydicom/SC_rgb_rle_16bit_2frame.dcm",
        "pydicom/SC_rgb_rle_32bit.dcm",
    };

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Decode_matches_dcmdrle(string file)
    {
        var test = CodecTestFile.Load(file);
        Assert.Equal(RleLossless.TransferSyntaxUid, test.TransferSyntax);
        byte[] expected = test.ReferenceNative("dcmdrle");
        byte[] actual = DecodeAll(test.Frames(), test.Layout);
        CodecTestFile.AssertSameSamples(expected, actual, $"{file} decoded vs dcmdrle");
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Encode_round_trips_and_dcmdrle_decodes_it(string file)
    {
        var test = CodecTestFile.Load(file);
        byte[] native = DecodeAll(test.Frames(), test.Layout);
        var encoded = EncodeAll(native, test.Layout);
        foreach (var frame in encoded) Assert.True(frame.Length % 2 == 0, "RLE frames are even length");
        Assert.True(native.AsSpan().SequenceEqual(DecodeAll(encoded, test.Layout)), "round trip differs");

        byte[] viaDcmtk = CodecTestFile.DecodeWith("dcmdrle", test.WithFrames(encoded));
        CodecTestFile.AssertSameSamples(viaDcmtk, native, $"{file}: dcmdrle decoding our stream");
    }

    /// <summary>Native corpus files compressed by dcmcrle: odd sizes, signed, 32-bit multi-frame, large.</summary>
    public static TheoryData<string> DcmcrleFiles => new()
    {
        "pydicom/CT_small.dcm", "pydicom/SC_rgb_small_odd.dcm", "pydicom/rtdose.dcm",
        "pydicom/examples_palette.dcm", "pydicom/examples_rgb_color.dcm", "pydicom/examples_overlay.dcm",
    };

    [Theory]
    [MemberData(nameof(DcmcrleFiles))]
    public void Dcmcrle_output_decodes_like_dcmdrle_and_round_trips(string file)
    {
        var test = CodecTestFile.Compress(file, "dcmcrle");
        byte[] expected = test.ReferenceNative("dcmdrle");
        byte[] actual = DecodeAll(test.Frames(), test.Layout);
        CodecTestFile.AssertSameSamples(expected, actual, $"{file} decoded vs dcmdrle");
        Assert.True(actual.AsSpan().SequenceEqual(DecodeAll(EncodeAll(actual, test.Layout), test.Layout)), "round trip differs");
    }

    [Fact]
    public void Planar_configuration_1_is_honoured_on_decode_and_encode()
    {
        var test = CodecTestFile.Load("pydicom/SC_rgb_rle.dcm");
        byte[] interleaved = DecodeAll(test.Frames(), test.Layout);
        var planarLayout = test.Layout with { PlanarConfiguration = 1 };
        byte[] planar = DecodeAll(test.Frames(), planarLayout);
        int pixels = test.Layout.Rows * test.Layout.Columns;
        for (int p = 0; p < pixels; p++)
        {
            for (int s = 0; s < 3; s++) Assert.Equal(interleaved[p * 3 + s], planar[s * pixels + p]);
        }

        // Encoding the planar native frame gives the same segments as encoding the interleaved one.
        var fromPlanar = EncodeAll(planar, planarLayout);
        var fromInterleaved = EncodeAll(interleaved, test.Layout);
        Assert.Equal(fromInterleaved[0], fromPlanar[0]);
    }

    [Theory]
    [InlineData(8, 1, 1)]
    [InlineData(8, 3, 0)]
    [InlineData(16, 1, 0)]
    [InlineData(16, 3, 1)]
    [InlineData(32, 1, 0)]
    [InlineData(32, 3, 0)]
    public void Random_frames_round_trip(int bits, int samples, int planar)
    {
        var random = new Random(bits * 31 + samples * 7 + planar);
        var layout = new PixelLayout
        {
            Rows = 37, Columns = 301, BitsAllocated = bits, BitsStored = bits, SamplesPerPixel = samples,
            PlanarConfiguration = planar, Photometric = samples == 3 ? "RGB" : "MONOCHROME2",
        };
        byte[] native = new byte[layout.BytesPerFrame];
        // Runs of every length, literals and noise, so every PackBits branch is exercised.
        int i = 0;
        while (i < native.Length)
        {
            int length = Math.Min(native.Length - i, random.Next(1, 300));
            if (random.Next(3) == 0) random.NextBytes(native.AsSpan(i, length));
            else native.AsSpan(i, length).Fill((byte)random.Next(4));
            i += length;
        }

        var encoded = EncodeAll(native, layout);
        Assert.True(native.AsSpan().SequenceEqual(DecodeAll(encoded, layout)));
    }

    [Fact]
    public void PackBits_uses_replicate_runs_and_splits_long_literals()
    {
        byte[] row = new byte[400];
        for (int i = 0; i < 200; i++) row[i] = (byte)i;      // 200-byte literal: 128 + 72
        row.AsSpan(200).Fill(9);                               // 200 equal bytes: 128 + 72
        byte[] output = new byte[500];
        int n = RleEncoder.PackBits(row, output);
        Assert.Equal(1 + 128 + 1 + 72 + 2 + 2, n);
        Assert.Equal(127, output[0]);
        Assert.Equal(71, output[129]);
        Assert.Equal(unchecked((byte)-127), output[202]);
        Assert.Equal(9, output[203]);
        Assert.Equal(unchecked((byte)-71), output[204]);
    }

    [Fact]
    public void A_big_endian_native_frame_encodes_like_its_little_endian_twin()
    {
        var test = CodecTestFile.Load("pydicom/MR_small_RLE.dcm");
        byte[] little = DecodeAll(test.Frames(), test.Layout);
        byte[] big = new byte[little.Length];
        for (int i = 0; i < little.Length; i += 2)
            BinaryPrimitives.WriteUInt16BigEndian(big.AsSpan(i), BinaryPrimitives.ReadUInt16LittleEndian(little.AsSpan(i)));
        Assert.Equal(EncodeAll(little, test.Layout)[0], EncodeAll(big, test.Layout with { BigEndian = true })[0]);
    }

    internal static byte[] DecodeAll(IReadOnlyList<byte[]> frames, PixelLayout layout)
    {
        int frameBytes = (int)layout.BytesPerFrame;
        byte[] native = new byte[frameBytes * frames.Count];
        for (int f = 0; f < frames.Count; f++)
            RleCodec.Instance.Decode(RleLossless.TransferSyntaxUid, frames[f], layout, native.AsSpan(f * frameBytes, frameBytes), f);
        return native;
    }

    internal static List<byte[]> EncodeAll(byte[] native, PixelLayout layout)
    {
        int frameBytes = (int)layout.BytesPerFrame;
        var frames = new List<byte[]>();
        for (int f = 0; f * frameBytes < native.Length; f++)
        {
            var writer = new ArrayBufferWriter<byte>();
            RleCodec.Instance.Encode(RleLossless.TransferSyntaxUid, native.AsSpan(f * frameBytes, frameBytes), layout, writer, f);
            frames.Add(writer.WrittenSpan.ToArray());
        }

        return frames;
    }
}
