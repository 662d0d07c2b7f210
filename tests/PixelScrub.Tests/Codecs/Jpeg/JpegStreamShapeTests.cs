using System.Buffers;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Masks;

namespace PixelScrub.Tests.Codecs.Jpeg;

/// <summary>Stream shapes cjpeg does not make: one scan per component, four components, DNL.</summary>
public class JpegStreamShapeTests
{
    private static byte[] Encode(JpegCoefficients c, JpegEncodeOptions options)
    {
        var w = new ArrayBufferWriter<byte>();
        JpegCoefficientEncoder.Encode(c, options, w);
        return w.WrittenSpan.ToArray();
    }

    private static byte[] Redact(byte[] jpeg, PixelMask mask, JpegRedactMode mode, out JpegRedactResult result)
    {
        var w = new ArrayBufferWriter<byte>();
        result = JpegRedactor.Redact(jpeg, mask, mode, JpegColorModel.Auto, w);
        return w.WrittenSpan.ToArray();
    }

    [Fact]
    public void NonInterleavedScansWithRestarts_RedactToTheSamePixelsAsInterleaved()
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, 83, 61, false, 17, "-sample", "2x2");
        var coefficients = JpegCoefficientDecoder.Decode(jpeg);
        var separate = Encode(coefficients, new JpegEncodeOptions { Interleaved = false, RestartInterval = 5, WriteJfif = true });
        var mask = new PixelMask(83, 61, [new MaskOperation(MaskValue.Clean, new Region(10, 20, 50, 37))]);
        foreach (var mode in new[] { JpegRedactMode.Fill, JpegRedactMode.Gray, JpegRedactMode.Blur })
        {
            var a = Redact(jpeg, mask, mode, out var ra);
            var b = Redact(separate, mask, mode, out var rb);
            // The chroma grid of 2x2 sampling has padding blocks that only the interleaved scan codes.
            Assert.Equal(ra.BlocksRedacted[0], rb.BlocksRedacted[0]);
            var (pa, _) = JpegTestFiles.Djpeg(dir, a);
            var (pb, err) = JpegTestFiles.Djpeg(dir, b);
            Assert.Equal("", err);
            Assert.Equal(pa, pb);
        }
    }

    [Fact]
    public void FourComponents_OnlySelectedBlocksChange()
    {
        var comps = new[]
        {
            new JpegComponent(0, 1, 2, 2, 0), new JpegComponent(1, 2, 1, 1, 1),
            new JpegComponent(2, 3, 1, 1, 1), new JpegComponent(3, 4, 2, 2, 0),
        };
        var frame = new JpegFrame(JpegMarker.Sof1, 8, 45, 37, comps, 0);
        var rng = new Random(44);
        var blocks = new short[4][];
        for (int i = 0; i < 4; i++)
        {
            blocks[i] = new short[comps[i].BlocksPerLine * comps[i].BlocksPerColumn * 64];
            for (int b = 0; b < blocks[i].Length; b += 64)
            {
                blocks[i][b] = (short)rng.Next(-60, 60);
                for (int k = 1; k < 64; k++) if (rng.Next(4) == 0) blocks[i][b + k] = (short)rng.Next(-30, 31);
            }
        }

        var quant = new ushort[]?[] { Enumerable.Repeat((ushort)4, 64).ToArray(), Enumerable.Repeat((ushort)7, 64).ToArray(), null, null };
        var jpeg = Encode(new JpegCoefficients(frame, quant, blocks, 0, false, 0), new JpegEncodeOptions { AdobeTransform = 0, RestartInterval = 2 });
        var before = JpegCoefficientDecoder.Decode(jpeg);
        var mask = new PixelMask(45, 37, [new MaskOperation(MaskValue.Clean, new Region(0, 0, 45, 10))]);
        var output = Redact(jpeg, mask, JpegRedactMode.Fill, out var result);
        var after = JpegCoefficientDecoder.Decode(output);
        int expected = 0;
        for (int ci = 0; ci < 4; ci++)
        {
            var c = before.Frame.Components[ci];
            int sy = 8 * 2 / c.V; // pixel rows per block row
            for (int by = 0; by < c.BlocksPerColumn; by++)
            {
                for (int bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    bool selected = by * sy < 10;
                    var a = before.Block(ci, bx, by);
                    var b = after.Block(ci, bx, by);
                    if (!selected) Assert.True(a.SequenceEqual(b), $"block {ci}:({bx},{by}) changed");
                    else
                    {
                        expected++;
                        // Adobe transform 0 with 4 components: every component to its minimum.
                        int q0 = before.QuantTableOf(ci)[0];
                        Assert.Equal(-((1024 + q0 - 1) / q0), b[0]);
                        for (int k = 1; k < 64; k++) Assert.Equal(0, b[k]);
                    }
                }
            }
        }

        Assert.Equal(2 * 6 + 1 * 3 + 1 * 3 + 2 * 6, expected); // two block rows of the 2x2 components, one of the others
        Assert.Equal(expected, result.TotalBlocksRedacted);
    }

    [Fact]
    public void DnlDefinedHeight_DecodesAndRedacts()
    {
        using var dir = new TempDir();
        var jpeg = JpegTestFiles.MakeJpeg(dir, 40, 27, true, 5);
        // Rewrite: Y = 0 in the frame header and a DNL segment after the scan (T.81 B.2.5).
        var bytes = jpeg.ToList();
        int sof = IndexOf(jpeg, JpegMarker.Sof0);
        bytes[sof + 5] = 0;
        bytes[sof + 6] = 0;
        bytes.InsertRange(bytes.Count - 2, new byte[] { 0xFF, JpegMarker.Dnl, 0x00, 0x04, 0x00, 27 });
        var dnl = bytes.ToArray();
        var original = JpegCoefficientDecoder.Decode(jpeg);
        var decoded = JpegCoefficientDecoder.Decode(dnl);
        Assert.Equal(27, decoded.Frame.Height);
        JpegCoefficientDecoderTests.AssertSameCoefficients(original, decoded);

        var mask = new PixelMask(40, 27, [new MaskOperation(MaskValue.Clean, new Region(0, 0, 16, 16))]);
        var output = Redact(dnl, mask, JpegRedactMode.Gray, out var result);
        Assert.Equal(4, result.TotalBlocksRedacted);
        Assert.True(IndexOf(output, JpegMarker.Dnl) > 0);
        var after = JpegCoefficientDecoder.Decode(output);
        Assert.True(after.Block(0, 0, 0).ToArray().All(v => v == 0));
        Assert.True(after.Block(0, 2, 0).SequenceEqual(original.Block(0, 2, 0)));
    }

    [Fact]
    public void RgbWithoutColorTransform_FillsEveryComponentToBlackWhenTheCallerSaysRgb()
    {
        // No JFIF, no Adobe marker, ids 0,1,2: the stream itself does not say RGB (DICOM's Photometric
        // Interpretation does), so Auto takes YCbCr and the caller forces RGB.
        var frame = JpegTestFiles.CorpusFrames("pydicom/SC_jpeg_no_color_transform.dcm")[0];
        var c = JpegCoefficientDecoder.Decode(frame);
        var mask = new PixelMask(c.Frame.Width, c.Frame.Height, [new MaskOperation(MaskValue.Clean, new Region(0, 0, 8, 8))]);
        var w = new ArrayBufferWriter<byte>();
        JpegRedactor.Redact(frame, mask, JpegRedactMode.Fill, JpegColorModel.Rgb, w);
        var after = JpegCoefficientDecoder.Decode(w.WrittenSpan);
        for (int ci = 0; ci < 3; ci++)
        {
            int q0 = after.QuantTableOf(ci)[0];
            Assert.True(after.Block(ci, 0, 0)[0] * q0 <= -1024 + q0, $"component {ci} is not at its minimum");
        }

        var auto = JpegCoefficientDecoder.Decode(Redact(frame, mask, JpegRedactMode.Fill, out _));
        Assert.True(auto.Block(0, 0, 0)[0] < 0);
        Assert.Equal(0, auto.Block(1, 0, 0)[0]); // chroma to neutral
        Assert.Equal(0, auto.Block(2, 0, 0)[0]);
    }

    private static int IndexOf(byte[] data, byte marker)
    {
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == marker) return i;
        }

        return -1;
    }
}
