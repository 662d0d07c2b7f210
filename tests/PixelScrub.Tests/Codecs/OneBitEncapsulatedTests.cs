using System.Buffers;
using PixelScrub.Cleaning;
using PixelScrub.Codecs.Native;
using PixelScrub.Codecs.Rle;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline;
using PixelScrub.Pixels;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs;

/// <summary>
/// 1-bit frames (Bits Allocated 1) in RLE Lossless and JPEG 2000. Native 1-bit data packs eight pixels a byte, least
/// significant bit first, frames back to back (PS3.5 8.1.1). In RLE the Padded Composite Pixel Code of a 1-bit pixel is
/// one byte, 0 or 1 (PS3.5 G.2), so its one segment codes exactly the bytes of an 8-bit image of the same values: no
/// reference tool writes or reads 1-bit RLE (dcmcrle refuses it, as do GDCM and pydicom), so DCMTK's coder and decoder
/// of that 8-bit image are the reference, the Bits Allocated attributes set by dcmodify. JPEG 2000 code streams of one
/// 1-bit component come from opj_compress, and opj_decompress reads what PixelScrub writes.
/// The image: 37 x 22 (814 pixels, so frames 2 and 3 start inside a byte when packed), 3 frames; an even pixel count,
/// since opj_compress refuses raw input of an odd one.
/// </summary>
public sealed class OneBitEncapsulatedTests : IDisposable
{
    private const int Columns = 37, Rows = 22, Frames = 3, Pixels = Columns * Rows;

    // deid coordinates xmin,ymin,xmax,ymax: [5,20) x [3,11)
    private const string Rules = "FORMAT dicom\n\n%filter graylist\n\nLABEL bits band\n  contains Modality OT\n  coordinates 5,3,20,11\n";

    private static readonly PixelLayout OneBit = new() { Rows = Rows, Columns = Columns, BitsAllocated = 1, BitsStored = 1, HighBit = 0 };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-onebit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    /// <summary>The pixel values (0 or 1) of every frame, one byte each.</summary>
    private static byte[] Values()
    {
        var v = new byte[Pixels * Frames];
        for (int f = 0; f < Frames; f++)
            for (int y = 0; y < Rows; y++)
                for (int x = 0; x < Columns; x++)
                    v[f * Pixels + y * Columns + x] = (byte)((x * 7 + y * 3 + f * 5) % 11 < 5 ? 1 : 0);
        return v;
    }

    /// <summary>The values with the rule's region set to 0 (MONOCHROME2 black) in every frame.</summary>
    private static byte[] CleanedValues()
    {
        var v = Values();
        for (int f = 0; f < Frames; f++)
            for (int y = 3; y < 11; y++)
                for (int x = 5; x < 20; x++)
                    v[f * Pixels + y * Columns + x] = 0;
        return v;
    }

    /// <summary>Native 1-bit packing (PS3.5 8.1.1): pixel i in bit i % 8 of byte i / 8.</summary>
    private static byte[] Pack(ReadOnlySpan<byte> values)
    {
        var packed = new byte[(values.Length + 7) / 8];
        for (int i = 0; i < values.Length; i++) packed[i >> 3] |= (byte)(values[i] << (i & 7));
        return packed;
    }

    /// <summary>The 1-bit image as RLE Lossless coded by dcmcrle (as 8-bit 0/1 samples), relabelled 1-bit by dcmodify.</summary>
    private string MakeOneBitRle()
    {
        var eight = OneBit with { BitsAllocated = 8, BitsStored = 8, HighBit = 7, NumberOfFrames = Frames };
        var rle8 = CodecTestFile.CompressFile(CodecTestFile.MakeNative("onebit-values", eight, Values()), "dcmcrle");
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        var path = Path.Combine(_root, "in", "bits-rle.dcm");
        File.Copy(rle8.Path, path);
        Relabel(path, 1);
        return path;
    }

    /// <summary>Sets Bits Allocated, Bits Stored and High Bit with dcmodify (DCMTK), not with our writer.</summary>
    private static void Relabel(string path, int bits)
    {
        var (code, stdout, stderr) = ReferenceTool.Run("dcmodify",
            ["-nb", "-m", $"(0028,0100)={bits}", "-m", $"(0028,0101)={bits}", "-m", $"(0028,0102)={bits - 1}", path]);
        Assert.True(code == 0, stdout + stderr);
    }

    private BatchSummary Clean(string input, TranscodeOptions? transcode = null)
    {
        var rules = Path.Combine(_root, "bits.dicom");
        File.WriteAllText(rules, Rules);
        return BatchRunner.Run(new BatchOptions
        {
            Inputs = [input], OutputDirectory = Path.Combine(_root, "out"), Rules = RuleSet.Load(rules), Jobs = 1, Transcode = transcode,
            Text = PixelScrub.Text.TextOptions.Off, // the codecs are under test (rules only)
        });
    }

    [Fact]
    public void Rle_decodes_a_dcmcrle_segment_of_0_1_bytes_to_packed_bits()
    {
        var test = CodecTestFile.LoadPath(MakeOneBitRle());
        Assert.Equal(1, test.Layout.BitsAllocated);
        var values = Values();
        var frames = test.Frames();
        Assert.Equal(Frames, frames.Length);
        for (int f = 0; f < Frames; f++)
        {
            var packed = new byte[OneBit.BytesPerFrame];
            RleCodec.Instance.Decode(RleLossless.TransferSyntaxUid, frames[f], OneBit, packed, f);
            Assert.Equal(Pack(values.AsSpan(f * Pixels, Pixels)), packed);

            // and back: one segment, decoding to the same bits
            var writer = new ArrayBufferWriter<byte>();
            RleCodec.Instance.Encode(RleLossless.TransferSyntaxUid, packed, OneBit, writer, f);
            Assert.Equal(1u, BitConverter.ToUInt32(writer.WrittenSpan));
            var again = new byte[packed.Length];
            RleCodec.Instance.Decode(RleLossless.TransferSyntaxUid, writer.WrittenSpan, OneBit, again, f);
            Assert.Equal(packed, again);
        }
    }

    [Fact]
    public void A_cleaned_1_bit_rle_file_stays_rle_and_dcmdrle_reads_the_region_black()
    {
        var input = MakeOneBitRle();
        var summary = Clean(input);
        Assert.Equal(1, summary.Cleaned);
        var output = Path.Combine(_root, "out", "bits-rle.dcm");
        var cleaned = DicomFile.Open(output);
        Assert.Equal(TransferSyntax.RleLossless.Uid, cleaned.TransferSyntax.Uid);
        Assert.Equal(1L, cleaned.Dataset.GetInteger(new DicomTag(0x0028, 0x0100)));

        // DCMTK decodes our segments once the header says 8 bits: 0/1 bytes, the region 0, the rest unchanged.
        var copy = Path.Combine(_root, "as8.dcm");
        File.Copy(output, copy);
        Relabel(copy, 8);
        var independent = CodecTestFile.DecodeWith("dcmdrle", File.ReadAllBytes(copy));
        CodecTestFile.AssertSameSamples(independent, CleanedValues(), "dcmdrle of the cleaned 1-bit RLE file");
    }

    [Fact]
    public void A_1_bit_rle_file_decompressed_packs_frames_back_to_back()
    {
        var input = MakeOneBitRle();
        var summary = Clean(input, TranscodeOptions.Decompress());
        Assert.Equal(1, summary.Cleaned);
        var output = Path.Combine(_root, "out", "bits-rle.dcm");
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian.Uid, DicomFile.Open(output).TransferSyntax.Uid);
        // 3 x 814 bits = 306 bytes, frames 2 and 3 starting at bits 814 and 1628 (inside bytes 101 and 203)
        var expected = Pack(CleanedValues());
        Assert.Equal(306, expected.Length);
        Assert.Equal(expected, CodecTestFile.NativePixelData(File.ReadAllBytes(output)));
    }

    [Fact]
    public void A_native_1_bit_file_transcoded_to_rle_gives_each_frame_from_its_own_bits()
    {
        var native = OneBit with { NumberOfFrames = Frames };
        var input = CodecTestFile.MakeNative("onebit-native", native, Pack(Values()));
        var file = DicomFile.Open(input);
        var result = Transcoder.InProcess.Transcode(file, TranscodeOptions.To(TransferSyntax.RleLossless.Uid));
        Assert.True(result.Changed);
        var written = Path.Combine(_root, "transcoded.dcm");
        Directory.CreateDirectory(_root);
        DicomWriter.WriteFile(file, written);

        var test = CodecTestFile.LoadPath(written);
        var values = Values();
        for (int f = 0; f < Frames; f++)
        {
            var packed = new byte[OneBit.BytesPerFrame];
            RleCodec.Instance.Decode(RleLossless.TransferSyntaxUid, test.Frames()[f], OneBit, packed, f);
            Assert.Equal(Pack(values.AsSpan(f * Pixels, Pixels)), packed);
        }
    }

    [Fact]
    public void A_1_bit_rle_segment_byte_other_than_0_or_1_is_corrupt()
    {
        var frame = RleFrame(Enumerable.Repeat((byte)1, Pixels).Select((b, i) => i == 40 ? (byte)2 : b).ToArray());
        var e = Assert.Throws<DicomFormatException>(() => RleCodec.Instance.Decode(RleLossless.TransferSyntaxUid, frame, OneBit, new byte[OneBit.BytesPerFrame], 0));
        Assert.Contains("pixel 40 (row 1, column 3)", e.Message);
        Assert.Contains("is 2", e.Message);
    }

    [Fact]
    public void A_1_bit_rle_segment_of_packed_bits_is_refused_and_named()
    {
        var frame = RleFrame(Pack(Values().AsSpan(0, Pixels)));
        var e = Assert.Throws<DicomFormatException>(() => RleCodec.Instance.Decode(RleLossless.TransferSyntaxUid, frame, OneBit, new byte[OneBit.BytesPerFrame], 0));
        Assert.Contains("packed bits", e.Message);
    }

    /// <summary>One RLE frame of one segment holding <paramref name="bytes"/> as literal runs.</summary>
    private static byte[] RleFrame(byte[] bytes)
    {
        var data = new List<byte>();
        for (int i = 0; i < bytes.Length; i += 128)
        {
            int n = Math.Min(128, bytes.Length - i);
            data.Add((byte)(n - 1));
            data.AddRange(bytes.AsSpan(i, n).ToArray());
        }

        if (data.Count % 2 == 1) data.Add(0);
        var frame = new byte[64 + data.Count];
        BitConverter.TryWriteBytes(frame.AsSpan(0), 1u);
        BitConverter.TryWriteBytes(frame.AsSpan(4), 64u);
        data.CopyTo(frame, 64);
        return frame;
    }

    /// <summary>Each frame as a code stream of one unsigned 1-bit component, made by opj_compress from 0/1 bytes.</summary>
    private byte[][] OpjCodeStreams()
    {
        Directory.CreateDirectory(_root);
        var values = Values();
        var streams = new byte[Frames][];
        for (int f = 0; f < Frames; f++)
        {
            var raw = Path.Combine(_root, $"f{f}.raw");
            var j2k = Path.Combine(_root, $"f{f}.j2k");
            File.WriteAllBytes(raw, values.AsSpan(f * Pixels, Pixels).ToArray());
            var (code, stdout, stderr) = ReferenceTool.Run("opj_compress", ["-i", raw, "-o", j2k, "-F", $"{Columns},{Rows},1,1,u", "-n", "3"]);
            Assert.True(code == 0, stdout + stderr);
            streams[f] = File.ReadAllBytes(j2k);
        }

        return streams;
    }

    [Fact]
    public void OpenJpeg_decodes_a_1_bit_opj_compress_code_stream_to_packed_bits_and_encodes_one_bit_components()
    {
        var values = Values();
        var streams = OpjCodeStreams();
        for (int f = 0; f < Frames; f++)
        {
            var packed = new byte[OneBit.BytesPerFrame];
            new OpenJpegCodec().Decode(OpenJpegCodec.LosslessUid, streams[f], OneBit, packed, f);
            Assert.Equal(Pack(values.AsSpan(f * Pixels, Pixels)), packed);

            var writer = new ArrayBufferWriter<byte>();
            new OpenJpegCodec().Encode(OpenJpegCodec.LosslessUid, packed, OneBit, writer, f);
            Assert.Equal(values.AsSpan(f * Pixels, Pixels).ToArray(), ReferenceTool.OpjDecompress(writer.WrittenSpan.ToArray()));
        }
    }

    [Fact]
    public void A_cleaned_1_bit_jpeg_2000_file_stays_jpeg_2000_and_opj_decompress_reads_the_region_black()
    {
        var test = CodecTestFile.LoadPath(MakeOneBitRle());
        var file = DicomFile.Read(new MemoryStream(test.WithFrames(OpjCodeStreams())));
        file.SetTransferSyntax(TransferSyntax.Jpeg2000Lossless);
        var input = Path.Combine(_root, "j2k", "bits-j2k.dcm");
        DicomWriter.WriteFile(file, input);

        var summary = Clean(Path.Combine(_root, "j2k"));
        Assert.Equal(1, summary.Cleaned);
        var output = Path.Combine(_root, "out", "bits-j2k.dcm");
        Assert.Equal(TransferSyntax.Jpeg2000Lossless.Uid, DicomFile.Open(output).TransferSyntax.Uid);
        var frames = CodecTestFile.LoadPath(output).Frames();
        var expected = CleanedValues();
        for (int f = 0; f < Frames; f++)
        {
            var independent = ReferenceTool.OpjDecompress(frames[f]);
            Assert.Equal(expected.AsSpan(f * Pixels, Pixels).ToArray(), independent);
        }
    }

    [Fact]
    public void A_1_bit_jpeg_2000_code_stream_with_8_bit_samples_is_refused()
    {
        Directory.CreateDirectory(_root);
        var raw = Path.Combine(_root, "eight.raw");
        var j2k = Path.Combine(_root, "eight.j2k");
        File.WriteAllBytes(raw, Values().AsSpan(0, Pixels).ToArray());
        var (code, stdout, stderr) = ReferenceTool.Run("opj_compress", ["-i", raw, "-o", j2k, "-F", $"{Columns},{Rows},1,8,u", "-n", "3"]);
        Assert.True(code == 0, stdout + stderr);
        var e = Assert.Throws<JpegFormatException>(() => new OpenJpegCodec().Decode(OpenJpegCodec.LosslessUid, File.ReadAllBytes(j2k), OneBit, new byte[OneBit.BytesPerFrame], 0));
        Assert.Contains("8-bit samples; Bits Allocated is 1", e.Message);
    }
}
