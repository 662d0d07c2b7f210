using System.Buffers;
using System.Diagnostics;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Masks;

namespace PixelScrub.Tests.Codecs.Jpeg;

/// <summary>Malformed code streams: each must throw our exception (with an offset) and write nothing.</summary>
public class JpegBadInputTests
{
    private static readonly Lazy<byte[]> Sample = new(() =>
    {
        using var dir = new TempDir();
        return JpegTestFiles.MakeJpeg(dir, 48, 40, false, 77, "-sample", "2x2", "-restart", "2B");
    });

    private static int IndexOf(byte[] data, byte marker, int from = 0)
    {
        for (int i = from; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == marker) return i;
        }

        return -1;
    }

    private static int ScanDataStart(byte[] jpeg)
    {
        int sos = IndexOf(jpeg, JpegMarker.Sos);
        return sos + 2 + ((jpeg[sos + 2] << 8) | jpeg[sos + 3]);
    }

    private static void AssertRejected(byte[] bad, string because)
    {
        var e = Assert.Throws<JpegFormatException>(() => JpegCoefficientDecoder.Decode(bad));
        Assert.InRange(e.Offset, 0, bad.Length);
        var writer = new ArrayBufferWriter<byte>();
        var mask = new PixelMask(48, 40, [new MaskOperation(MaskValue.Clean, new Region(0, 0, 48, 8))]);
        var e2 = Assert.Throws<JpegFormatException>(() => JpegRedactor.Redact(bad, mask, JpegRedactMode.Fill, JpegColorModel.Auto, writer));
        Assert.InRange(e2.Offset, 0, bad.Length);
        Assert.True(writer.WrittenCount == 0, $"{because}: partial output written");
    }

    [Fact]
    public void TruncatedEntropyData()
    {
        var jpeg = Sample.Value;
        int start = ScanDataStart(jpeg);
        var bad = jpeg[..(start + (jpeg.Length - start) / 2)].Concat(new byte[] { 0xFF, 0xD9 }).ToArray();
        AssertRejected(bad, "truncated");
    }

    [Fact]
    public void MissingEoi()
    {
        AssertRejected(Sample.Value[..^2], "missing EOI");
    }

    [Fact]
    public void FrameNumber_IsCarriedInTheException()
    {
        var mask = new PixelMask(48, 40, [new MaskOperation(MaskValue.Clean, new Region(0, 0, 8, 8))]);
        var e = Assert.Throws<JpegFormatException>(() =>
            JpegRedactor.Redact(Sample.Value[..^2], mask, JpegRedactMode.Fill, JpegColorModel.Auto, new ArrayBufferWriter<byte>(), frame: 3));
        Assert.Equal(3, e.Frame);
        Assert.Contains("frame 3", e.Message);
    }

    [Fact]
    public void RestartMarkersOutOfOrder()
    {
        var bad = (byte[])Sample.Value.Clone();
        int rst1 = IndexOf(bad, 0xD1, ScanDataStart(bad));
        Assert.True(rst1 > 0);
        bad[rst1 + 1] = 0xD3;
        AssertRejected(bad, "RST out of order");
    }

    [Fact]
    public void MarkerInTheWrongPlace()
    {
        // A DQT segment inside the entropy-coded data, where the first restart marker should be.
        var jpeg = Sample.Value;
        int rst0 = IndexOf(jpeg, 0xD0, ScanDataStart(jpeg));
        var bad = jpeg[..rst0].Concat(new byte[] { 0xFF, 0xFE, 0x00, 0x02 }).Concat(jpeg[rst0..]).ToArray();
        AssertRejected(bad, "marker in scan");
        // A scan before the frame header.
        int sof = IndexOf(jpeg, JpegMarker.Sof0);
        var noFrame = jpeg[..sof].Concat(jpeg[(sof + 2 + ((jpeg[sof + 2] << 8) | jpeg[sof + 3]))..]).ToArray();
        Assert.Throws<JpegFormatException>(() => JpegCoefficientDecoder.Decode(noFrame));
    }

    [Fact]
    public void CodeNotInTable()
    {
        // All-ones bits (0xFF 0x00 pairs) are never a code (T.81 C.2).
        var jpeg = Sample.Value;
        int start = ScanDataStart(jpeg);
        var bad = (byte[])jpeg.Clone();
        for (int i = 0; i < 8; i += 2)
        {
            bad[start + i] = 0xFF;
            bad[start + i + 1] = 0x00;
        }

        var e = Assert.Throws<JpegFormatException>(() => JpegCoefficientDecoder.Decode(bad));
        Assert.Contains("not in the", e.Message);
        AssertRejected(bad, "bad code");
    }

    [Fact]
    public void FrameEndsEarly()
    {
        // The frame header claims twice the lines the data holds.
        var bad = (byte[])Sample.Value.Clone();
        int sof = IndexOf(bad, JpegMarker.Sof0);
        bad[sof + 6] = 0; // Y = 80 instead of 40
        bad[sof + 7] = 80;
        Assert.Throws<JpegFormatException>(() => JpegCoefficientDecoder.Decode(bad));
    }

    [Fact]
    public void HugeDeclaredSize_IsRejectedBeforeAllocating()
    {
        var bad = (byte[])Sample.Value.Clone();
        int sof = IndexOf(bad, JpegMarker.Sof0);
        bad[sof + 5] = 0xFF; bad[sof + 6] = 0xFF; // Y = 65535
        bad[sof + 7] = 0xFF; bad[sof + 8] = 0xFF; // X = 65535
        var e = Assert.Throws<JpegFormatException>(() => JpegCoefficientDecoder.Decode(bad));
        Assert.Contains("too large", e.Message);
    }

    /// <summary>
    /// Seeded mutation fuzz: only our exception types escape, nothing hangs, a failure writes nothing, and
    /// whatever the redactor accepts, our decoder reads back.
    /// </summary>
    [Fact]
    public void MutationFuzz_OnlyOurExceptionsEscape()
    {
        var seedJpeg = Sample.Value;
        var rng = new Random(20261121);
        var sw = Stopwatch.StartNew();
        var mask = new PixelMask(48, 40, [new MaskOperation(MaskValue.Clean, new Region(5, 3, 30, 20))]);
        int accepted = 0;
        for (int i = 0; i < 3000; i++)
        {
            var data = Mutate(seedJpeg, rng);
            try
            {
                JpegCoefficientDecoder.Decode(data);
            }
            catch (PixelScrubException)
            {
            }

            var writer = new ArrayBufferWriter<byte>();
            try
            {
                JpegRedactor.Redact(data, mask, (JpegRedactMode)(i % 3), JpegColorModel.Auto, writer);
                accepted++;
                JpegCoefficientDecoder.Decode(writer.WrittenSpan);
            }
            catch (PixelScrubException)
            {
                Assert.Equal(0, writer.WrittenCount);
            }
        }

        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"fuzz took {sw.Elapsed}");
        Assert.InRange(accepted, 1, 2999); // some mutations are harmless, most are not
    }

    private static byte[] Mutate(byte[] input, Random rng)
    {
        var data = (byte[])input.Clone();
        switch (rng.Next(4))
        {
            case 0: // flip a few bytes anywhere
                for (int k = rng.Next(1, 4); k > 0; k--) data[rng.Next(data.Length)] = (byte)rng.Next(256);
                return data;
            case 1: // truncate
                return data[..rng.Next(data.Length)];
            case 2: // header byte changes (first 700 bytes hold the tables)
                data[rng.Next(Math.Min(700, data.Length))] ^= (byte)(1 << rng.Next(8));
                return data;
            default: // insert a marker-like pair
                int at = rng.Next(data.Length);
                return data[..at].Concat(new byte[] { 0xFF, (byte)rng.Next(0xC0, 0x100) }).Concat(data[at..]).ToArray();
        }
    }
}
