using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace PixelScrub.Review.Tests;

/// <summary>The server without a browser: the token on every request, ids from the report only, CSRF on every action.</summary>
public sealed partial class ReviewSecurityTests
{
    [Fact]
    public async Task Every_request_without_the_right_token_is_401_images_included()
    {
        await using var ws = await ReviewWorkspace.Create();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        string b = ws.Server.BaseAddress, id = ws.Id(ReviewWorkspace.Documents[0]);
        foreach (var path in new[] { "/", "/api/overview", $"/api/files/{id}", $"/img/{id}/original/0", "/assets/page.js" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(b + path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(b + path + "?token=" + new string('0', 48))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(b + path + "?token=" + ws.Server.Token[..^1])).StatusCode);
        }

        var image = await http.GetAsync($"{b}/img/{id}/original/0?token={ws.Server.Token}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);

        // The cookie the first visit sets is the token too.
        var first = await http.GetAsync($"{b}/?token={ws.Server.Token}");
        var cookie = first.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, $"{b}/img/{id}/original/0");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withCookie)).StatusCode);
    }

    [Fact]
    public async Task An_id_not_in_the_report_is_404()
    {
        await using var ws = await ReviewWorkspace.Create();
        using var http = new HttpClient();
        string b = ws.Server.BaseAddress, t = "?token=" + ws.Server.Token;
        var unknown = ReviewCatalog.IdOf("/etc/passwd");
        foreach (var path in new[] { $"/api/files/{unknown}", $"/img/{unknown}/original/0", $"/api/files/{unknown}/like", "/api/files/..%2f..%2fetc%2fpasswd", "/img/../../etc/passwd/original/0" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(b + path + t)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{b}/api/files/{ws.Id(ReviewWorkspace.Documents[0])}{t}")).StatusCode);
    }

    [Fact]
    public async Task An_action_without_the_csrf_token_or_from_another_origin_is_refused_and_writes_nothing()
    {
        await using var ws = await ReviewWorkspace.Create();
        using var http = new HttpClient();
        string b = ws.Server.BaseAddress, t = "?token=" + ws.Server.Token, id = ws.Id(ReviewWorkspace.Documents[0]);
        var page = await http.GetStringAsync(b + "/" + t);
        var csrf = CsrfMeta().Match(page).Groups[1].Value;
        Assert.Equal(48, csrf.Length);
        const string body = """{"regions":[[0,0,100,50]]}""";

        async Task<HttpStatusCode> Post(string? token, string? origin, string type = "application/json", string action = "apply")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{b}/api/files/{id}/{action}{t}") { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
            if (token is not null) request.Headers.Add(ReviewServer.CsrfHeader, token);
            if (origin is not null) request.Headers.Add("Origin", origin);
            return (await http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Post(null, null));
        Assert.Equal(HttpStatusCode.Forbidden, await Post(null, null, action: "release"));
        Assert.Equal(HttpStatusCode.Forbidden, await Post(new string('0', 48), null));
        Assert.Equal(HttpStatusCode.Forbidden, await Post(csrf, "http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await Post(csrf, null, "text/plain"));
        Assert.False(File.Exists(ws.RulesFile), "a refused action wrote the rules file");
        Assert.False(File.Exists(Path.Combine(ws.Output, ReviewWorkspace.Documents[0])), "a refused action wrote an output");

        Assert.Equal(HttpStatusCode.OK, await Post(csrf, b));
        Assert.True(File.Exists(Path.Combine(ws.Output, ReviewWorkspace.Documents[0])));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused()
    {
        await using var ws = await ReviewWorkspace.Create();
        using var http = new HttpClient();
        string b = ws.Server.BaseAddress, t = "?token=" + ws.Server.Token, id = ws.Id(ReviewWorkspace.Documents[0]);
        var csrf = CsrfMeta().Match(await http.GetStringAsync(b + "/" + t)).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{b}/api/files/{id}/keep{t}")
        {
            Content = new StringContent("{\"note\":\"" + new string('x', (int)ReviewServer.MaxBodyBytes) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ReviewServer.CsrfHeader, csrf);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_cleaned_file_shows_its_rule_regions_with_labels_and_cannot_be_decided_again()
    {
        await using var ws = await ReviewWorkspace.Create();
        using var http = new HttpClient();
        var detail = await http.GetStringAsync($"{ws.Server.BaseAddress}/api/files/{ws.Id("ct/dose-report.dcm")}?token={ws.Server.Token}");
        Assert.Contains("\"x0\":0,\"y0\":0,\"x1\":512,\"y1\":110,\"label\":\"graylist: Dose Report\",\"kind\":\"rule\"", detail);
        Assert.Contains("\"canDecide\":false", detail);
        Assert.Contains("\"name\":\"Manufacturer\"", detail);

        // And the server refuses a decision on it, whatever the page shows: the cleaned output stays as it was.
        var output = Path.Combine(ws.Output, "ct", "dose-report.dcm");
        var before = await File.ReadAllBytesAsync(output);
        string b = ws.Server.BaseAddress, t = "?token=" + ws.Server.Token, id = ws.Id("ct/dose-report.dcm");
        var csrf = CsrfMeta().Match(await http.GetStringAsync(b + "/" + t)).Groups[1].Value;
        foreach (var (action, body) in new[] { ("apply", "{\"regions\":[[0,0,10,10]]}"), ("release", "{}") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{b}/api/files/{id}/{action}{t}")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(ReviewServer.CsrfHeader, csrf);
            var answer = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
            Assert.Contains("\"ok\":false", answer);
            Assert.Contains("cannot be", answer);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(output));
    }

    [Fact]
    public async Task A_later_session_continues_with_the_state_and_audit_of_the_last()
    {
        var ws = await ReviewWorkspace.Create();
        var id = ws.Id(ReviewWorkspace.Documents[0]);
        try
        {
            using (var http = new HttpClient())
            {
                string t = "?token=" + ws.Server.Token;
                var csrf = CsrfMeta().Match(await http.GetStringAsync(ws.Server.BaseAddress + "/" + t)).Groups[1].Value;
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{ws.Server.BaseAddress}/api/files/{id}/keep{t}")
                {
                    Content = new StringContent("""{"note":"waiting for the site"}""", Encoding.UTF8, "application/json"),
                };
                request.Headers.Add(ReviewServer.CsrfHeader, csrf);
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
            }

            await ws.Server.DisposeAsync();
            await using var again = await ReviewServer.StartAsync(new ReviewOptions { OutputDirectory = ws.Output, Reviewer = "second reviewer" });
            Assert.NotEqual(ws.Server.Token, again.Token);
            using var http2 = new HttpClient();
            var detail = await http2.GetStringAsync($"{again.BaseAddress}/api/files/{id}?token={again.Token}");
            Assert.Contains("\"review\":\"kept\"", detail);
            Assert.Contains("\"note\":\"waiting for the site\"", detail);
            Assert.Contains("\"reviewer\":\"test reviewer\"", detail);
        }
        finally
        {
            Directory.Delete(ws.Root, recursive: true);
        }
    }

    [GeneratedRegex("""<meta name="csrf" content="([0-9a-f]+)">""")]
    private static partial Regex CsrfMeta();
}
