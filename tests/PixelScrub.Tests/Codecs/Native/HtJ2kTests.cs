using PixelScrub.Codecs.Native;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs.Native;

/// <summary>
/// High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201/.202/.203) decoded through OpenJPEG 2.5, from code streams made
/// by OpenJPH's own encoder (ojph_compress, Debian openjph-tools); cleaned files are written as RLE Lossless with a
/// Derivation Description, since nothing here encodes HTJ2K.
/// </summary>
public sealed class HtJ2kTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-htj2k-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    /// <summary>The MR of the corpus (64x64, 16-bit signed) as native samples and as an HTJ2K code stream.</summary>
    private (CodecTestFile Test, byte[] Native, byte[] CodeStream) Make(bool rpcl)
    {
        Directory.CreateDirectory(_root);
        var test = CodecTestFile.Load("pydicom/MR_small_jp2klossless.dcm");
        var layout = test.Layout;
        var native = new byte[layout.BytesPerFrame];
        new OpenJpegCodec().Decode(OpenJpegCodec.LosslessUid, test.Frames()[0], layout, native, 0);
        var raw = Path.Combine(_root, "mr.raw");
        var j2c = Path.Combine(_root, "mr.j2c");
        File.WriteAllBytes(raw, native);
        string[] args =
        [
            "-i", raw, "-o", j2c, "-dims", $"{{{layout.Columns},{layout.Rows}}}", "-num_comps", "1", "-signed", "true",
            "-bit_depth", "16", "-downsamp", "{1,1}", "-reversible", "true", .. (rpcl ? (string[])["-prog_order", "RPCL"] : []),
        ];
        var (code, stdout, stderr) = ReferenceTool.Run("ojph_compress", args);
        Assert.True(code == 0, stdout + stderr);
        return (test, native, File.ReadAllBytes(j2c));
    }

    [Theory]
    [InlineData(OpenJpegCodec.HtLosslessUid, false)]
    [InlineData(OpenJpegCodec.HtLosslessRpclUid, true)]
    [InlineData(OpenJpegCodec.HtUid, false)]
    public void OpenJpeg_decodes_an_openjph_code_stream_to_the_original_samples(string uid, bool rpcl)
    {
        var (test, native, codeStream) = Make(rpcl);
        var decoded = new byte[native.Length];
        new OpenJpegCodec().Decode(uid, codeStream, test.Layout, decoded, 0);
        Assert.Equal(native, decoded);
    }

    [Fact]
    public void A_cleaned_htj2k_file_is_written_as_rle_lossless_with_a_derivation_note()
    {
        var (test, native, codeStream) = Make(rpcl: false);
        var file = DicomFile.Read(new MemoryStream(test.WithFrames([codeStream])));
        file.SetTransferSyntax(TransferSyntax.HtJ2kLossless);
        var input = Path.Combine(_root, "in", "mr-htj2k.dcm");
        DicomWriter.WriteFile(file, input);
        var rules = Path.Combine(_root, "mr.dicom");
        File.WriteAllText(rules, "FORMAT dicom\n\n%filter graylist\n\nLABEL MR band\n  contains Modality MR\n  coordinates 0,0,64,10\n");

        var summary = BatchRunner.Run(new BatchOptions
        {
            Inputs = [Path.Combine(_root, "in")], OutputDirectory = Path.Combine(_root, "out"), Rules = RuleSet.Load(rules), Jobs = 1,
        });
        Assert.Equal(1, summary.Cleaned);

        var output = Path.Combine(_root, "out", "mr-htj2k.dcm");
        var cleaned = DicomFile.Open(output);
        Assert.Equal(TransferSyntax.RleLossless.Uid, cleaned.TransferSyntax.Uid);
        Assert.Contains("High-Throughput JPEG 2000", cleaned.Dataset.GetString(new DicomTag(0x0008, 0x2111)));

        // DCMTK decodes the RLE output: rows 0-9 filled with the smallest value, the rest the original samples
        var independent = CodecTestFile.DecodeWith("dcmdrle", File.ReadAllBytes(output));
        int rowBytes = test.Layout.Columns * 2;
        for (int i = 0; i < 10 * rowBytes; i += 2) Assert.Equal(-32768, BitConverter.ToInt16(independent, i));
        Assert.Equal(native.AsSpan(10 * rowBytes).ToArray(), independent.AsSpan(10 * rowBytes, native.Length - 10 * rowBytes).ToArray());
    }
}
