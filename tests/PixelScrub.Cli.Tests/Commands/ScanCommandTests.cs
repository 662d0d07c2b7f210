using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

public sealed class ScanCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-scan-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    /// <summary>
    /// Tesseract is looked for only when triage selects a file: a plain CT (CT Image Storage, ImageType ORIGINAL) is
    /// scanned without it, where the English data is missing (TESSDATA_PREFIX, read by Tesseract, is an empty folder).
    /// </summary>
    [Fact]
    public void Scan_of_plain_ct_needs_no_tesseract()
    {
        var (code, stdout, err) = ScanWithoutEnglishData(SharedFiles.Corpus("pydicom/CT_small.dcm"));
        Assert.True(code == 0, err);
        Assert.Contains("not selected by triage", stdout);
    }

    /// <summary>
    /// The engine check (which opens Tesseract's data without building an engine) still finds missing English
    /// data: Tesseract looks for it under TESSDATA_PREFIX, here an empty folder. A child process, because the variable
    /// must be in the native environment Tesseract reads.
    /// </summary>
    [Fact]
    public void Scan_without_the_English_data_exits_2_naming_the_package()
    {
        var (code, stdout, err) = ScanWithoutEnglishData(SharedFiles.Corpus("deid-data/ultrasounds/GREYSCALE_IMAGE.dcm"));
        Assert.Equal(2, code);
        Assert.Contains("apt-get install tesseract-ocr-eng", err);
        Assert.Equal("", stdout);
    }

    private (int Code, string Out, string Err) ScanWithoutEnglishData(string input) =>
        ChildProcess.PixelScrubWithoutEnglishData(_root, "scan", "--format", "jsonl", input);
}
