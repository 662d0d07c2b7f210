using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Pipeline;
using PixelScrub.Pixels;
using PixelScrub.Rules;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;
using PixelScrub.Text;

namespace PixelScrub.Tests.Pipeline;

/// <summary>The batch with a transcode stage: cleaned and passed files alike come out in the target syntax.</summary>
public sealed class TranscodeBatchTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-transcode-batch-");

    public void Dispose() => _root.Dispose();

    /// <summary>
    /// Rules only (text off): these tests are about the transcode stage; OCR of the demo ultrasounds on every run took
    /// most of their time. Verification of transcoded outputs is run by the CLI's transcode tests (default text).
    /// </summary>
    private BatchSummary Run(string output, TranscodeOptions? transcode, List<FileOutcome> rows, bool resume = false) =>
        BatchRunner.Run(new BatchOptions
        {
            Inputs = [Path.Combine(_root, "in")], OutputDirectory = Path.Combine(_root, output), Rules = RuleSet.Defaults, Jobs = 2,
            Resume = resume, Transcode = transcode, Text = TextOptions.Off,
        }, new Collect(rows));

    private sealed class Collect(List<FileOutcome> rows) : IProgress<FileOutcome>
    {
        public void Report(FileOutcome value)
        {
            lock (rows) rows.Add(value);
        }
    }

    [Fact]
    public void Decompress_writes_cleaned_jpeg_files_native_with_the_region_black_and_quarantine_keeps_the_input()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        var rows = new List<FileOutcome>();
        var summary = Run("out", TranscodeOptions.Decompress(), rows);
        Assert.Equal(0, summary.Failed);

        var jpeg = rows.Single(r => r.Input.EndsWith("philips-epiq-jpeg.dcm", StringComparison.Ordinal));
        Assert.Equal(FileStatus.Cleaned, jpeg.Status);
        Assert.Contains("jpeg-dct", jpeg.Method);
        Assert.Contains("transcode:JPEG Baseline", jpeg.Method);
        var file = DicomFile.Open(jpeg.Output!);
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        var layout = PixelDataDescription.Read(file.Dataset, file.TransferSyntax, DicomTag.PixelData);
        Assert.Equal("RGB", layout.Photometric);
        // The top rows held the patient text: after DCT-domain fill and decoding they are black (JPEG rounding aside).
        var pixels = file.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().Span;
        for (int i = 0; i < layout.Columns * 3 * 40; i++) Assert.True(pixels[i] <= 3, $"byte {i} is {pixels[i]}");

        // The same as dcmdjpeg's decoding of the cleaned JPEG file a run without --decompress writes.
        var plain = new List<FileOutcome>();
        Run("plain", null, plain);
        var cleanedJpeg = plain.Single(r => r.Input == jpeg.Input).Output!;
        var dcmtk = Path.Combine(_root, "dcmdjpeg.dcm");
        var (code, _, err) = ReferenceTool.Run("dcmdjpeg", [cleanedJpeg, dcmtk]);
        Assert.True(code == 0, err);
        Assert.True(DicomFile.Open(dcmtk).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().Span.SequenceEqual(pixels), "differs from dcmdjpeg");

        foreach (var row in rows.Where(r => r.Status is FileStatus.Passed or FileStatus.Cleaned))
        {
            Assert.False(DicomFile.Open(row.Output!, DicomReadOptions.Header).TransferSyntax.IsEncapsulated, row.Input);
        }

        foreach (var row in rows.Where(r => r.Status == FileStatus.Quarantined))
        {
            Assert.Equal(File.ReadAllBytes(row.Input), File.ReadAllBytes(row.Output!));
        }
    }

    [Fact]
    public void Transcode_to_jpeg_lossless_with_skip_keeps_baseline_and_dcmtk_decodes_the_rest()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        var rows = new List<FileOutcome>();
        var summary = Run("ll", TranscodeOptions.To(TransferSyntax.JpegLosslessSV1.Uid, skipJpegBaseline: true), rows);
        Assert.Equal(0, summary.Failed);
        foreach (var row in rows.Where(r => r.Status is FileStatus.Passed or FileStatus.Cleaned))
        {
            var syntax = DicomFile.Open(row.Output!, DicomReadOptions.Header).TransferSyntax;
            if (DicomFile.Open(row.Input, DicomReadOptions.Header).TransferSyntax == TransferSyntax.JpegBaseline)
            {
                Assert.Equal(TransferSyntax.JpegBaseline, syntax);
                continue;
            }

            Assert.Equal(TransferSyntax.JpegLosslessSV1, syntax);
            var (code, _, err) = ReferenceTool.Run("dcmdjpeg", [row.Output!, Path.Combine(_root, Path.GetFileName(row.Output!) + ".native.dcm")]);
            Assert.True(code == 0, $"{row.Input}: {err}");
        }
    }

    [Fact]
    public void A_rerun_with_another_transcode_setting_redoes_the_files_and_the_same_setting_skips_them()
    {
        DemoSamples.Write(Path.Combine(_root, "in"));
        var first = Run("resume", null, [], resume: true);
        Assert.Equal(0, first.Skipped);
        var decompressed = new List<FileOutcome>();
        var second = Run("resume", TranscodeOptions.Decompress(), decompressed, resume: true);
        Assert.Equal(0, second.Skipped);
        var jpeg = decompressed.Single(r => r.Input.EndsWith("philips-epiq-jpeg.dcm", StringComparison.Ordinal));
        Assert.False(DicomFile.Open(jpeg.Output!, DicomReadOptions.Header).TransferSyntax.IsEncapsulated);
        var third = Run("resume", TranscodeOptions.Decompress(), [], resume: true);
        Assert.Equal(third.Total, third.Skipped);
    }
}
