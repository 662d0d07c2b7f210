using System.Text.Json;
using PixelScrub.Dicom;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>`clean --decompress | --transcode TS [--skip-jpeg-baseline]`: CTP's DicomDecompressor and DicomTranscoder stages.</summary>
public sealed class CleanTranscodeTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-cli-transcode-");

    public void Dispose() => _root.Dispose();

    private static readonly string[] Inputs =
    [
        "pydicom/SC_rgb_jpeg_dcmtk.dcm", // JPEG Baseline
        "pydicom/JPEG-lossy.dcm", // JPEG Extended, 12-bit
        "pydicom/MR_small_RLE.dcm",
        "pydicom/MR_small_jpeg_ls_lossless.dcm",
        "pydicom/MR_small_implicit.dcm", // native
    ];

    /// <summary>Copies a few corpus files into an input folder, and a deid recipe that flags nothing (every file passes).</summary>
    private (string Input, string Rules) Setup()
    {
        var input = Path.Combine(_root, "in");
        foreach (var f in Inputs)
        {
            var dest = Path.Combine(input, f);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(SharedFiles.Corpus(f), dest);
        }

        var rules = Path.Combine(_root, "pass-all.dicom");
        File.WriteAllText(rules, "FORMAT dicom\n");
        return (input, rules);
    }

    /// <summary>
    /// Runs `pixelscrub` as a child process: JPEG-LS goes through the codec worker, which starts the entry program
    /// again (the test host, in process). Rules only (--text off): transcoding is under test. Returns the exit code and,
    /// for failure messages, the report.
    /// </summary>
    private static (int Code, string Report) RunChild(string output, params string[] args)
    {
        using var process = CliRunner.Start(["clean", .. args, "--out", output, "--text", "off"]);
        Assert.True(process.WaitForExit(120_000), "pixelscrub did not finish in 2 minutes");
        var report = output + ".report.jsonl";
        return (process.ExitCode, File.Exists(report) ? File.ReadAllText(report) : "(no report)");
    }

    private static Dictionary<string, JsonElement> Report(string path) =>
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => Path.GetFileName(r.GetProperty("input").GetString()!), r => r.Clone());

    [Fact]
    public void Decompress_with_skip_jpeg_baseline_writes_native_files_and_leaves_baseline_byte_identical()
    {
        var (input, rules) = Setup();
        var output = Path.Combine(_root, "out");
        var (code, log) = RunChild(output, input, "--rules", rules, "--decompress", "--skip-jpeg-baseline", "--jobs", "2");
        Assert.True(code == 0, log);

        foreach (var f in Inputs)
        {
            var written = Path.Combine(output, f);
            var syntax = DicomFile.Open(written, DicomReadOptions.Header).TransferSyntax;
            if (f.EndsWith("SC_rgb_jpeg_dcmtk.dcm", StringComparison.Ordinal) || f.EndsWith("MR_small_implicit.dcm", StringComparison.Ordinal))
            {
                Assert.Equal(File.ReadAllBytes(SharedFiles.Corpus(f)), File.ReadAllBytes(written));
            }
            else
            {
                Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, syntax);
            }
        }

        var report = Report(output + ".report.jsonl");
        var rle = report["MR_small_RLE.dcm"];
        Assert.Equal("passed", rle.GetProperty("status").GetString());
        Assert.Contains("Explicit VR Little Endian", rle.GetProperty("method").GetString());
        Assert.Contains(rle.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("not a byte-identical copy", StringComparison.Ordinal));
        Assert.True(!report["SC_rgb_jpeg_dcmtk.dcm"].TryGetProperty("method", out var baselineMethod) || baselineMethod.ValueKind == JsonValueKind.Null);

        // dcmdrle's decoding of the input and our decompressed file hold the same samples.
        var theirs = Path.Combine(_root, "dcmdrle.dcm");
        var (rc, _, rleErr) = ReferenceTool.Run("dcmdrle", [SharedFiles.Corpus("pydicom/MR_small_RLE.dcm"), theirs]);
        Assert.True(rc == 0, rleErr);
        Assert.Equal(
            DicomFile.Open(theirs).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray(),
            DicomFile.Open(Path.Combine(output, "pydicom/MR_small_RLE.dcm")).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray());
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.5", "dcmdrle")]
    [InlineData("1.2.840.10008.1.2.4.70", "dcmdjpeg")] // its name has brackets: the summary table must escape them
    public void Transcode_rewrites_every_image_and_dcmtk_reads_them(string uid, string decoder)
    {
        var (input, rules) = Setup();
        var output = Path.Combine(_root, "ts");
        var (code, log) = RunChild(output, input, "--rules", rules, "--transcode", uid, "--jobs", "2");
        Assert.True(code == 0, log);
        foreach (var f in Inputs)
        {
            var written = Path.Combine(output, f);
            Assert.Equal(uid, DicomFile.Open(written, DicomReadOptions.Header).TransferSyntax.Uid);
            var (rc, _, err) = ReferenceTool.Run(decoder, [written, Path.Combine(_root, Path.GetFileName(f) + ".native.dcm")]);
            Assert.True(rc == 0, $"{f}: {err}");
        }
    }

    [Fact]
    public void A_file_the_target_cannot_hold_is_quarantined_with_the_reason_and_the_run_exits_1()
    {
        var (input, rules) = Setup();
        var output = Path.Combine(_root, "baseline");
        var (code, log) = RunChild(output, input, "--rules", rules, "--transcode", "1.2.840.10008.1.2.4.50", "--jobs", "2");
        Assert.True(code == 1, log);
        // 16-bit MR cannot be JPEG Baseline: quarantined, not written to the output.
        Assert.False(File.Exists(Path.Combine(output, "pydicom/MR_small_RLE.dcm")));
        var sidecar = Path.Combine(output + ".quarantine", "pydicom/MR_small_RLE.dcm.json");
        Assert.True(File.Exists(sidecar));
        Assert.Contains("JPEG Baseline", File.ReadAllText(sidecar));
        Assert.Equal("failed", Report(output + ".report.jsonl")["MR_small_RLE.dcm"].GetProperty("status").GetString());
        // A file already in the target syntax is copied as it is.
        Assert.Equal(File.ReadAllBytes(SharedFiles.Corpus("pydicom/SC_rgb_jpeg_dcmtk.dcm")), File.ReadAllBytes(Path.Combine(output, "pydicom/SC_rgb_jpeg_dcmtk.dcm")));
    }

    [Theory]
    [InlineData("--decompress", "--transcode", "1.2.840.10008.1.2.5")]
    [InlineData("--transcode", "1.2.840.10008.1.2.4.91")]
    [InlineData("--skip-jpeg-baseline")]
    public void Bad_option_combinations_are_usage_errors(params string[] options)
    {
        var (input, rules) = Setup();
        var (code, _, err) = CliRunner.Run(["clean", input, "--out", Path.Combine(_root, "x"), "--rules", rules, .. options]);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err);
    }
}
