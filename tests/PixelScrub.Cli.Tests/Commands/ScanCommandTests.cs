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
    /// The engine check at start (which opens Tesseract's data without building an engine) still finds missing English
    /// data: Tesseract looks for it under TESSDATA_PREFIX, here an empty folder. A child process, because the variable
    /// must be in the native environment Tesseract reads.
    /// </summary>
    [Fact]
    public void Scan_without_the_English_data_exits_2_naming_the_package()
    {
        Directory.CreateDirectory(_root);
        var dll = Path.Combine(AppContext.BaseDirectory, "pixelscrub.dll");
        var (code, stdout, err) = ChildProcess.Exec("dotnet", [dll, "scan", SharedFiles.Corpus("deid-data/ultrasounds/GREYSCALE_IMAGE.dcm")],
            environment: new Dictionary<string, string> { ["TESSDATA_PREFIX"] = _root });
        Assert.Equal(2, code);
        Assert.Contains("apt-get install tesseract-ocr-eng", err);
        Assert.Equal("", stdout);
    }
}
