using PixelScrub.Codecs.Jpeg;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class JpegHuffmanTests
{
    [Fact]
    public void StandardTables_AreTheOnesCjpegWrites()
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, 16, 16, false, 3);
        var specs = ReadDhtSpecs(jpeg);
        Assert.True(specs[(0, 0)].SequenceEquals(JpegStandardTables.DcLuminance));
        Assert.True(specs[(1, 0)].SequenceEquals(JpegStandardTables.AcLuminance));
        Assert.True(specs[(0, 1)].SequenceEquals(JpegStandardTables.DcChrominance));
        Assert.True(specs[(1, 1)].SequenceEquals(JpegStandardTables.AcChrominance));
    }

    [Fact]
    public void Optimizer_LimitsCodesTo16BitsAndCoversEverySymbol()
    {
        // Fibonacci frequencies force a maximally skewed tree (depth far beyond 16 before adjustment).
        var freq = new long[256];
        long a = 1, b = 1;
        for (int i = 0; i < 40; i++)
        {
            freq[i * 3] = a;
            (a, b) = (b, a + b);
        }

        var spec = JpegHuffmanOptimizer.Build(freq);
        Assert.True(JpegHuffmanSpec.IsValid(spec.Counts, spec.Values.Length, out _));
        Assert.Equal(40, spec.Values.Length);
        var enc = new JpegHuffmanEncodeTable(spec);
        for (int i = 0; i < 40; i++)
        {
            Assert.True(enc.Contains(i * 3));
            Assert.InRange(enc.SizeOf(i * 3), 1, 16);
        }

        // the most frequent symbol has a code no longer than the least frequent one
        Assert.True(enc.SizeOf(39 * 3) <= enc.SizeOf(0));
    }

    [Fact]
    public void Optimizer_SingleSymbolGetsAOneBitCode()
    {
        var freq = new long[256];
        freq[0x00] = 1000;
        var spec = JpegHuffmanOptimizer.Build(freq);
        var enc = new JpegHuffmanEncodeTable(spec);
        Assert.Equal(1, enc.SizeOf(0));
        Assert.Equal(0, enc.CodeOf(0)); // never all ones (T.81 K.2)
    }

    [Fact]
    public void WriterAndReader_RoundTripWithStuffingAndEveryCode()
    {
        var rng = new Random(1234);
        var freq = new long[256];
        for (int i = 0; i < 256; i++) freq[i] = rng.Next(1, 1000);
        var spec = JpegHuffmanOptimizer.Build(freq);
        var enc = new JpegHuffmanEncodeTable(spec);
        var dec = new JpegHuffmanDecodeTable(spec);
        var symbols = new int[5000];
        using var w = new JpegBitWriter(16);
        for (int i = 0; i < symbols.Length; i++)
        {
            symbols[i] = rng.Next(256);
            w.WriteBits((uint)enc.CodeOf(symbols[i]), enc.SizeOf(symbols[i]));
            w.WriteBits(0xFFFFFFFF, i % 17); // many 0xFF bytes to stuff
        }

        w.FlushBits();
        var bytes = w.WrittenSpan.ToArray();
        for (int i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF) Assert.Equal(0, bytes[++i]);
        }

        var r = new JpegBitReader(bytes, 0);
        for (int i = 0; i < symbols.Length; i++)
        {
            Assert.Equal(symbols[i], dec.Decode(ref r));
            Assert.Equal((1u << (i % 17)) - 1, r.ReadBits(i % 17));
        }

        Assert.False(r.Overrun);
        Assert.True(r.AtSegmentEnd());
    }

    [Fact]
    public void Decode_RejectsBitsThatAreNoCode()
    {
        // One code of length 1 ("0"): "1..." is no code.
        var spec = new JpegHuffmanSpec([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [5]);
        var dec = new JpegHuffmanDecodeTable(spec);
        var r = new JpegBitReader(new byte[] { 0x7F, 0x00 }, 0);
        Assert.Equal(5, dec.Decode(ref r));
        Assert.Equal(-1, dec.Decode(ref r));
    }

    [Theory]
    [InlineData(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 3)] // 3 codes of length 1
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 2)] // uses the all-ones code "1"
    [InlineData(new byte[] { 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 2)] // value count mismatch
    public void Spec_RejectsImpossibleTables(byte[] counts, int values)
    {
        Assert.False(JpegHuffmanSpec.IsValid(counts, values, out _));
    }

    internal static Dictionary<(int Class, int Slot), JpegHuffmanSpec> ReadDhtSpecs(byte[] jpeg)
    {
        var result = new Dictionary<(int, int), JpegHuffmanSpec>();
        var markers = new JpegMarkerReader(jpeg);
        markers.Read();
        while (true)
        {
            var seg = markers.Read();
            if (seg.Marker == JpegMarker.Sos || seg.Marker == JpegMarker.Eoi) break;
            if (seg.Marker != JpegMarker.Dht) continue;
            int i = seg.PayloadOffset;
            while (i < seg.End)
            {
                int total = 0;
                for (int k = 0; k < 16; k++) total += jpeg[i + 1 + k];
                result[(jpeg[i] >> 4, jpeg[i] & 15)] = new JpegHuffmanSpec(jpeg.AsSpan(i + 1, 16), jpeg.AsSpan(i + 17, total));
                i += 17 + total;
            }
        }

        return result;
    }
}
