using System.Buffers;
using System.Buffers.Binary;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Masks;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs.Jpeg;

/// <summary>
/// dcmtk (with its own 8- and 12-bit IJG decoders) as the independent decoder: our redacted code stream is put
/// back into the corpus DICOM file (a test-only rewrite of the single-frame encapsulated pixel data) and
/// decompressed with dcmdjpeg, which must succeed without warnings.
/// </summary>
public class JpegDcmtkTests
{
    [Theory]
    [InlineData("pydicom/JPEG-lossy.dcm")]
    [InlineData("pydicom/SC_rgb_jpeg_dcmtk.dcm")]
    [InlineData("deid-data/humans/ctbrain1.dcm")]
    public void RedactedFrame_DecodesWithDcmdjpeg_BlackInTheRegion_UnchangedElsewhere(string file)
    {
        using var dir = new TempDir();
        var original = File.ReadAllBytes(SharedFiles.Corpus(file));
        var frame = JpegTestFiles.ExtractFrames(original)[0];
        var coefficients = JpegCoefficientDecoder.Decode(frame);
        var f = coefficients.Frame;
        var region = new Region(0, 0, f.Width, Math.Min(f.Height, 40));
        var mask = new PixelMask(f.Width, f.Height, [new MaskOperation(MaskValue.Clean, region)]);
        var writer = new ArrayBufferWriter<byte>();
        var colors = f.Components.Length == 1 ? JpegColorModel.Monochrome : JpegColorModel.YCbCr;
        JpegRedactor.Redact(frame, mask, JpegRedactMode.Fill, colors, writer);

        int bytesPerSample = f.Precision > 8 ? 2 : 1;
        var before = Dcmdjpeg(dir, original, bytesPerSample, null);
        string expectedWarnings = LastWarnings;
        var after = Dcmdjpeg(dir, WithSingleFrame(original, writer.WrittenSpan), bytesPerSample, expectedWarnings);
        Assert.Equal(before.Length, after.Length);
        int samples = f.Components.Length;
        int rowBytes = f.Width * samples * bytesPerSample;
        // Rows of the region: black (0 within JPEG rounding); rows below the touched MCU rows: unchanged.
        int touchedRows = (region.Y1 + f.McuHeight - 1) / f.McuHeight * f.McuHeight;
        for (int y = 0; y < f.Height; y++)
        {
            for (int i = 0; i < f.Width * samples; i++)
            {
                int at = y * rowBytes + i * bytesPerSample;
                int a = bytesPerSample == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(before.AsSpan(at)) : before[at];
                int b = bytesPerSample == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(after.AsSpan(at)) : after[at];
                // +cn keeps YCbCr samples: luma black, chroma neutral (128).
                int want = i % samples == 0 ? 0 : 128;
                if (y < region.Y1) Assert.True(Math.Abs(b - want) <= 2, $"({i / samples},{y}) sample {i % samples} is {b}, not {want}");
                else if (y >= touchedRows) Assert.True(a == b, $"({i / samples},{y}) changed from {a} to {b}");
            }
        }
    }

    [ThreadStatic]
    private static string? _lastWarnings;

    private static string LastWarnings => _lastWarnings ?? "";

    /// <summary>
    /// dcmdjpeg's decompression of a file; returns the native pixel bytes. Its messages must equal
    /// <paramref name="expectedWarnings"/> (what it says about the untouched input) when given.
    /// </summary>
    private static byte[] Dcmdjpeg(TempDir dir, byte[] dicom, int bytesPerSample, string? expectedWarnings)
    {
        string input = dir.File($"in{Guid.NewGuid():N}.dcm");
        string output = input + ".raw.dcm";
        File.WriteAllBytes(input, dicom);
        // +cn: no colour conversion, so YCbCr data stays as decoded samples; +px: colour by pixel.
        var (code, stdout, err) = ReferenceTool.Run("dcmdjpeg", ["+cn", "+px", "+te", input, output]);
        Assert.True(code == 0, $"dcmdjpeg failed: {err}");
        _lastWarnings = (err + stdout).Replace(input, "INPUT");
        if (expectedWarnings is not null) Assert.Equal(expectedWarnings, _lastWarnings);
        var bytes = File.ReadAllBytes(output);
        ReadOnlySpan<byte> pixelTag = [0xE0, 0x7F, 0x10, 0x00];
        for (int i = bytes.Length - 12; i >= 0; i--)
        {
            if (!bytes.AsSpan(i, 4).SequenceEqual(pixelTag)) continue;
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i + 8));
            return bytes.AsSpan(i + 12, length).ToArray();
        }

        throw new InvalidDataException("no native pixel data in dcmdjpeg output");
    }

    /// <summary>
    /// The same file with its encapsulated pixel data replaced by one fragment holding <paramref name="frame"/>
    /// (an empty offset table item first, padded to even length, PS3.5 A.4). Elements after the pixel data are dropped.
    /// </summary>
    private static byte[] WithSingleFrame(byte[] dicom, ReadOnlySpan<byte> frame)
    {
        ReadOnlySpan<byte> pixelTag = [0xE0, 0x7F, 0x10, 0x00];
        for (int i = dicom.Length - 12; i >= 0; i--)
        {
            if (!dicom.AsSpan(i, 4).SequenceEqual(pixelTag) || BinaryPrimitives.ReadUInt32LittleEndian(dicom.AsSpan(i + 8)) != 0xFFFFFFFF) continue;
            var ms = new MemoryStream();
            ms.Write(dicom, 0, i + 12);
            var item = new byte[8];
            void WriteItem(uint tag, int length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(item, tag);
                BinaryPrimitives.WriteUInt32LittleEndian(item.AsSpan(4), (uint)length);
                ms.Write(item);
            }

            WriteItem(0xE000FFFE, 0);
            int padded = frame.Length + (frame.Length & 1);
            WriteItem(0xE000FFFE, padded);
            ms.Write(frame);
            if ((frame.Length & 1) != 0) ms.WriteByte(0);
            WriteItem(0xE0DDFFFE, 0);
            return ms.ToArray();
        }

        throw new InvalidDataException("no encapsulated pixel data");
    }
}
