using System.Diagnostics;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests;

/// <summary>
/// The Native AOT build (tools/publish.sh) publishes warning-free and does what the JIT build does, including the codec
/// worker process, which is the native program itself, and `review` through pixelscrub-review beside it. The publish is
/// cached by a hash of the sources (in artifacts/pixelscrub and in ~/.cache/pixelscrub/aot), so only the first run after
/// a source change pays for the compilation: two native builds, about two minutes on a quiet 2-core machine, 15-20
/// minutes when the machine is loaded.
/// </summary>
public sealed class NativeBuildTests : IDisposable
{
    private static readonly Lazy<string> Native = new(Publish);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-native-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1.2.840.10008.1.2.4.90")] // JPEG 2000 lossless: through the worker process
    public void Native_clean_writes_the_same_files_as_the_jit_build(string? transcode)
    {
        string[] extra = transcode is null ? [] : ["--transcode", transcode];
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var jit = Path.Combine(_root, "jit");
        var aot = Path.Combine(_root, "aot");
        var (code, _, err) = CliRunner.Run(["clean", input, "--out", jit, .. extra]);
        Assert.True(code == 0, err);

        var (nativeCode, nativeOut, nativeErr) = ChildProcess.Exec(Native.Value, ["clean", input, "--out", aot, .. extra]);
        Assert.True(nativeCode == 0, nativeOut + nativeErr);
        ChildProcess.AssertSameFiles(jit, aot);
    }

    [Fact]
    public void Native_usage_errors_exit_2_without_a_stack_trace()
    {
        var (code, _, err) = ChildProcess.Exec(Native.Value, ["clean", "--txet", "x"]);
        Assert.Equal(2, code);
        Assert.Contains("unknown option '--txet'", err);
        Assert.DoesNotContain("   at ", err);
    }

    /// <summary>
    /// `pixelscrub review` runs pixelscrub-review from its own folder: a copy of pixelscrub alone says which program is
    /// missing and exits 2, with a link to it the program beside the link's target is found, and arguments and exit code
    /// pass through (a usage error of review's own).
    /// </summary>
    [Fact]
    public void Native_review_runs_the_review_program_beside_pixelscrub_or_says_it_is_missing()
    {
        var alone = Path.Combine(_root, "alone");
        Directory.CreateDirectory(alone);
        File.Copy(Native.Value, Path.Combine(alone, "pixelscrub"));
        var (code, _, err) = ChildProcess.Exec(Path.Combine(alone, "pixelscrub"), ["review", _root]);
        Assert.Equal(2, code);
        Assert.Contains("pixelscrub-review", err);
        Assert.Contains("is missing", err);
        Assert.DoesNotContain("   at ", err);

        var link = Path.Combine(_root, "bin", "pixelscrub");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, Native.Value);
        var (linked, _, linkedErr) = ChildProcess.Exec(link, ["review", Path.Combine(_root, "nothing"), "--port", "1"]);
        Assert.Equal(2, linked);
        Assert.Contains("does not exist: run `pixelscrub clean", linkedErr);

        var (listed, help, _) = ChildProcess.Exec(Native.Value, ["--help"]);
        Assert.Equal(0, listed);
        Assert.Contains("review", help);
    }

    /// <summary>ASP.NET Core (Kestrel) and SQLite (libe_sqlite3.so beside it) in pixelscrub-review, run by `pixelscrub review`.</summary>
    [Fact]
    public async Task Native_review_serves_the_page_and_decides()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var output = Path.Combine(_root, "out");
        Assert.Equal(0, CliRunner.Run("clean", input, "--out", output, "--jobs", "1").Code);
        var psi = new ProcessStartInfo(Native.Value) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "review", output }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        try
        {
            var url = await process.StandardOutput.ReadLineAsync() ?? throw new Xunit.Sdk.XunitException(await process.StandardError.ReadToEndAsync());
            using var http = new HttpClient();
            var page = await http.GetStringAsync(url);
            var csrf = System.Text.RegularExpressions.Regex.Match(page, "name=\"csrf\" content=\"([0-9a-f]+)\"").Groups[1].Value;
            var id = PixelScrub.Review.ReviewCatalog.IdOf(Path.Combine(input, "sc", "scanned-document.dcm"));
            using var keep = new HttpRequestMessage(HttpMethod.Post, url.Replace("/?token=", $"/api/files/{id}/keep?token=", StringComparison.Ordinal))
            {
                Content = new StringContent("{\"note\":\"native\"}", System.Text.Encoding.UTF8, "application/json"),
            };
            keep.Headers.Add(PixelScrub.Review.ReviewServer.CsrfHeader, csrf);
            var response = await http.SendAsync(keep);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var detail = await http.GetStringAsync(url.Replace("/?token=", $"/api/files/{id}?token=", StringComparison.Ordinal));
            Assert.Contains("\"review\":\"kept\"", detail);
            var png = await http.GetAsync(url.Replace("/?token=", $"/img/{id}/original/0?token=", StringComparison.Ordinal));
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// The two functions the native program lends Tesseract in the OCR worker: its line images stored as serialized
    /// pixels instead of PNG (LineImageStore, pixWriteMem) and the legacy recogniser's universal ambiguities not loaded
    /// (UniversalAmbiguities, UnicharAmbigs::LoadUniversal). glibc's loader binds libtesseract's calls to the program
    /// (LD_DEBUG=bindings, which the worker inherits, logs each binding), and `scan` reads the same text as the JIT build,
    /// whose Tesseract keeps PNG and loads the table.
    /// </summary>
    [Fact]
    public void Native_worker_lends_tesseract_its_line_image_store_and_empty_ambiguities_and_reads_the_same_text()
    {
        string[] scan = ["scan", SharedFiles.Corpus("deid-data/ultrasounds/GREYSCALE_IMAGE.dcm"),
            SharedFiles.Corpus("deid-data/ultrasounds/RGB_IMAGE.dcm"), "--format", "jsonl"];
        var (jitCode, jitOut, jitErr) = CliRunner.Run(scan);
        Assert.True(jitCode == 0, jitErr);

        var debug = Path.Combine(_root, "ld");
        Directory.CreateDirectory(debug);
        var (code, stdout, stderr) = ChildProcess.Exec(Native.Value, scan,
            environment: new Dictionary<string, string> { ["LD_DEBUG"] = "bindings", ["LD_DEBUG_OUTPUT"] = Path.Combine(debug, "bindings") });
        Assert.True(code == 0, stderr);
        Assert.Contains("\"verdict\":\"phi\"", stdout);
        Assert.Equal(jitOut, stdout);
        // "binding file /lib/x86_64-linux-gnu/libtesseract.so.5 [0] to PROGRAM [0]: normal symbol `NAME'": calls from libtesseract.
        var log = Directory.GetFiles(debug).SelectMany(File.ReadLines).Where(l => l.Contains("libtesseract.so.5 [0] to ", StringComparison.Ordinal)).ToList();
        foreach (var symbol in new[] { "pixWriteMem", PixelScrub.Cli.UniversalAmbiguities.Symbol })
        {
            var bound = log.Where(l => l.Contains($"`{symbol}'", StringComparison.Ordinal)).ToList();
            Assert.True(bound.Count > 0, $"no binding of {symbol} from libtesseract was logged");
            Assert.All(bound, l => Assert.Contains($"to {Native.Value} [0]", l, StringComparison.Ordinal));
        }
    }

    private static string Publish()
    {
        var (code, stdout, stderr) = ChildProcess.Exec("bash", [Path.Combine(ChildProcess.RepositoryRoot(), "tools", "publish.sh")], TimeSpan.FromMinutes(40));
        Assert.True(code == 0, $"tools/publish.sh failed (the native link needs the Debian packages clang and zlib1g-dev):\n{stdout}\n{stderr}");
        var program = stdout.Trim().Split('\n')[^1].Split(' ')[0];
        Assert.True(File.Exists(program), program);
        return program;
    }
}
