using System.Diagnostics;
using System.Net;
using PixelScrub.Samples;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>`pixelscrub review`: the URL it prints, and the usage errors that stop it before it listens.</summary>
public sealed class ReviewCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-review-cli-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Usage_errors_exit_2_with_one_line_and_no_stack_trace()
    {
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        var missing = CliRunner.Run("review", Path.Combine(_root, "nothing"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("does not exist", missing.Err);

        var noReport = CliRunner.Run("review", Path.Combine(_root, "empty"));
        Assert.Equal(2, noReport.Code);
        Assert.Contains("no report at", noReport.Err);

        File.WriteAllText(Path.Combine(_root, "r.csv"), "input,output\n");
        var csv = CliRunner.Run("review", Path.Combine(_root, "empty"), "--report", Path.Combine(_root, "r.csv"));
        Assert.Equal(2, csv.Code);
        Assert.Contains("is CSV", csv.Err);

        File.WriteAllText(Path.Combine(_root, "bad.jsonl"), "{\"input\":\"/a\",\"status\":\"quarantined\"}\nnot json\n");
        var bad = CliRunner.Run("review", Path.Combine(_root, "empty"), "--report", Path.Combine(_root, "bad.jsonl"));
        Assert.Equal(2, bad.Code);
        Assert.Contains("bad.jsonl:2: not a report row", bad.Err);

        var listen = CliRunner.Run("review", Path.Combine(_root, "empty"), "--listen", "localhost.example");
        Assert.Equal(2, listen.Code);
        Assert.Contains("is not an IP address", listen.Err);
        foreach (var r in new[] { missing, noReport, csv, bad, listen }) Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public async Task Prints_a_loopback_url_with_a_token_that_opens_the_page()
    {
        // The demo set cleaned with rules only: the page needs a report with a quarantined file, not OCR (the demo
        // command's own verify and a verifying clean read the ultrasound frames twice: most of this test's time).
        var out1 = Path.Combine(_root, "out");
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        Assert.Equal(0, CliRunner.Run("clean", input, "--out", out1, "--jobs", "1", "--text", "off").Code);

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pixelscrub.dll"));
        foreach (var a in new[] { "review", out1, "--reviewer", "cli test" }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        try
        {
            var url = await process.StandardOutput.ReadLineAsync() ?? throw new Xunit.Sdk.XunitException("review printed nothing: " + await process.StandardError.ReadToEndAsync());
            Assert.Matches(@"^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{48}$", url);
            using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url[..url.IndexOf('?')])).StatusCode);
            var overview = await http.GetStringAsync(url.Replace("/?token=", "/api/overview?token=", StringComparison.Ordinal));
            Assert.Contains("\"quarantined\":1", overview);
            Assert.Contains("\"reviewer\":\"cli test\"", overview);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        Assert.True(File.Exists(out1 + ".review.sqlite"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // left in the temp folder
        }
    }
}
