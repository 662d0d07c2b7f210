using PixelScrub.Codecs;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Codecs;

/// <summary>
/// Signed samples narrower than Bits Allocated (e.g. 12 of 16 bits, two's complement): the corpus has none, so
/// dcmtk compresses a generated image in each syntax and its decoders (which sign-extend) are the reference.
/// </summary>
public sealed class SignedSampleTests
{
    private static readonly FrameCodecRegistry Codecs = FrameCodecRegistry.CreateDefault(nativeWorker: null);

    public static TheoryData<int, string, string, string[]> Cases => new()
    {
        { 12, "dcmcrle", "dcmdrle", [] },
        { 12, "dcmcjpeg", "dcmdjpeg", ["+e1"] },
        { 12, "dcmcjpeg", "dcmdjpeg", ["+el", "+sv", "6", "+pt", "2"] },
        { 12, "dcmcjpls", "dcmdjpls", ["+el"] },
        { 10, "dcmcjpeg", "dcmdjpeg", ["+e1"] },
        { 10, "dcmcjpls", "dcmdjpls", ["+el"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signed_narrow_samples_decode_sign_extended_like_dcmtk_and_round_trip(int bitsStored, string encoder, string decoder, string[] options)
    {
        var layout = new PixelLayout { Rows = 40, Columns = 52, BitsAllocated = 16, BitsStored = bitsStored, IsSigned = true };
        int count = layout.Rows * layout.Columns;
        byte[] pixels = new byte[2 * count];
        var random = new Random(bitsStored * 7 + options.Length);
        int min = -(1 << (bitsStored - 1));
        int span = 1 << bitsStored;
        for (int i = 0; i < count; i++)
        {
            int v = i % 3 == 0 ? random.Next(min, min + span) : min + (i * 37 % span);
            if (options.Contains("+pt")) v &= ~3; // a point transform of 2 drops the low bits; keep the test lossless
            pixels[2 * i] = (byte)v;
            pixels[2 * i + 1] = (byte)(v >> 8); // sign-extended, as PS3.5 8.1.1 stores it
        }

        string native = CodecTestFile.MakeNative($"signed{bitsStored}", layout, pixels);
        var test = CodecTestFile.CompressFile(native, encoder, options);
        var codec = Codecs.Require(test.TransferSyntax);
        byte[] decoded = new byte[layout.BytesPerFrame];
        codec.Decode(test.TransferSyntax, test.Frames()[0], test.Layout, decoded, 0);
        CodecTestFile.AssertSameSamples(test.ReferenceNative(decoder), decoded, $"{encoder} {string.Join(' ', options)} vs {decoder}");
        Assert.Equal(pixels, decoded);

        if (!codec.CanEncode(test.TransferSyntax)) return;
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        codec.Encode(test.TransferSyntax, decoded, test.Layout, writer, 0);
        byte[] again = new byte[layout.BytesPerFrame];
        codec.Decode(test.TransferSyntax, writer.WrittenSpan, test.Layout, again, 0);
        Assert.Equal(pixels, again);
        CodecTestFile.AssertSameSamples(CodecTestFile.DecodeWith(decoder, test.WithFrames([writer.WrittenSpan.ToArray()])), pixels, $"{decoder} decoding our stream");
    }

    /// <summary>
    /// A stream coded with precision Bits Stored (as other encoders write signed data) holds no sign bits above
    /// it; dcmtk's decoders write those samples as they are, without sign extension, and so do we.
    /// </summary>
    [Theory]
    [InlineData("dcmcjpeg", "dcmdjpeg", "1.2.840.10008.1.2.4.70")]
    [InlineData("dcmcjpls", "dcmdjpls", "1.2.840.10008.1.2.4.80")]
    public void Narrow_precision_signed_streams_decode_like_dcmtk(string encoder, string decoder, string uid)
    {
        var layout = new PixelLayout { Rows = 16, Columns = 24, BitsAllocated = 16, BitsStored = 12, IsSigned = true };
        byte[] pixels = new byte[layout.BytesPerFrame];
        for (int i = 0; i < pixels.Length / 2; i++)
        {
            int v = (i * 211 % 4096) - 2048;
            pixels[2 * i] = (byte)v;
            pixels[2 * i + 1] = (byte)(v >> 8);
        }

        var test = CodecTestFile.CompressFile(CodecTestFile.MakeNative("signed12narrow", layout, pixels), encoder, encoder == "dcmcjpeg" ? ["+e1"] : ["+el"]);
        var codec = Codecs.Require(uid);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        // Coding the samples as unsigned 12-bit data gives a precision-12 stream of the same bits.
        codec.Encode(uid, pixels, layout with { IsSigned = false }, writer, 0);
        byte[] stream = writer.WrittenSpan.ToArray();
        byte[] ours = new byte[layout.BytesPerFrame];
        codec.Decode(uid, stream, layout, ours, 0);
        CodecTestFile.AssertSameSamples(CodecTestFile.DecodeWith(decoder, test.WithFrames([stream])), ours, $"{decoder} vs us on a 12-bit signed stream");
        Assert.Equal(0x0F, ours[3] | 0x0F); // high nibble zero: not sign-extended
    }
}
