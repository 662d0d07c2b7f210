using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PixelScrub.Masks;
using PixelScrub.Rules;

namespace PixelScrub.Review;

/// <summary>
/// The review page's web server (Kestrel, minimal endpoints that take the <see cref="HttpContext"/>: nothing bound by
/// reflection, so it runs in the Native AOT binary). Security (ARCHITECTURE.md, "servers"): loopback unless told
/// otherwise; a random token on every request (query <c>?token=</c> once, then an HttpOnly SameSite=Strict cookie),
/// 401 without it; every POST needs the per-session CSRF token in a header, JSON content and, when the browser sends
/// one, an Origin of this server; files are addressed by report ids only (404 otherwise); request bodies, headers and
/// connections are bounded.
/// </summary>
public sealed class ReviewServer : IAsyncDisposable
{
    /// <summary>The token cookie's name, followed by the port: cookies do not tell ports apart, and two pages may be open.</summary>
    public const string TokenCookiePrefix = "pixelscrub_review_";
    public const string CsrfHeader = "X-PixelScrub-CSRF";
    public const long MaxBodyBytes = 64 * 1024;

    private readonly ReviewOptions _options;
    private readonly ReviewCatalog _catalog;
    private readonly ReviewStore _store;
    private readonly ReviewDecisions _decisions;
    private readonly ReviewImages _images = new();
    private readonly WebApplication _app;
    private readonly byte[] _token;
    private readonly string _csrf;
    private string? _page;

    /// <summary>The embedded assets, read once each (they never change while the program runs).</summary>
    private static readonly ConcurrentDictionary<string, string> Assets = new(StringComparer.Ordinal);

    private ReviewServer(ReviewOptions options, ReviewCatalog catalog, ReviewStore store, WebApplication app, string token)
    {
        _options = options;
        _catalog = catalog;
        _store = store;
        _decisions = new ReviewDecisions(options, catalog, store);
        _app = app;
        Token = token;
        _token = Encoding.ASCII.GetBytes(token);
        _csrf = RandomToken();
    }

    /// <summary>The access token (in <see cref="Url"/>).</summary>
    public string Token { get; }

    /// <summary>The page's address with the token, as printed.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Where the server listens (scheme, address, port), without the token.</summary>
    public string BaseAddress { get; private set; } = "";

    /// <summary>Reads the report and the state, and starts listening; <see cref="ReviewSetupException"/> when it cannot.</summary>
    public static async Task<ReviewServer> StartAsync(ReviewOptions options, CancellationToken cancel = default)
    {
        var catalog = ReviewCatalog.Load(options);
        var store = new ReviewStore(options.StatePath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // No configuration from the environment or an appsettings.json beside the program: nothing may add a listener.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(options.Listen, options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.MaxConcurrentConnections = 64;
            k.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        });
        var app = builder.Build();
        var server = new ReviewServer(options, catalog, store, app, RandomToken());
        server.Map();
        try
        {
            await app.StartAsync(cancel);
        }
        catch (IOException ex)
        {
            store.Dispose();
            throw new ReviewSetupException($"cannot listen on {options.Listen}:{options.Port}: {ex.Message}", ex);
        }

        var address = app.Services.GetService(typeof(IServer)) is IServer s && s.Features.Get<IServerAddressesFeature>() is { } f ? f.Addresses.First() : "";
        server.BaseAddress = address.TrimEnd('/');
        server.Url = $"{server.BaseAddress}/?token={server.Token}";
        return server;
    }

    /// <summary>Runs until the process is asked to stop (Ctrl+C, SIGTERM) or <paramref name="cancel"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel = default) => _app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
        _images.Dispose();
    }

    private static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private void Map()
    {
        _app.Use(Guard);
        Get("/", Page);
        Get("/assets/{name}", Asset);
        Get("/api/overview", Overview);
        Get("/api/files/{id}", Detail);
        Get("/api/files/{id}/like", Like);
        Get("/img/{id}/{which}/{frame:int}", Image);
        Post("/api/files/{id}/apply", ApplyOne);
        Post("/api/files/{id}/apply-all", ApplyAll);
        Post("/api/files/{id}/release", Release);
        Post("/api/files/{id}/keep", Keep);
    }

    private Task ApplyOne(HttpContext ctx) => Decide(ctx, (file, body) => _decisions.Apply(file, Read(body, ReviewJson.Default.ApplyRequest)?.Regions, false));

    private Task ApplyAll(HttpContext ctx) => Decide(ctx, (file, body) => _decisions.Apply(file, Read(body, ReviewJson.Default.ApplyRequest)?.Regions, true));

    private Task Release(HttpContext ctx) => Decide(ctx, (file, _) => _decisions.Release(file));

    private Task Keep(HttpContext ctx) => Decide(ctx, (file, body) => _decisions.Keep(file, Read(body, ReviewJson.Default.KeepRequest)?.Note));

    private void Get(string pattern, RequestDelegate handler) => _app.MapGet(pattern, handler);

    private void Post(string pattern, RequestDelegate handler) => _app.MapPost(pattern, handler);

    /// <summary>Every request: the token (else 401), no caching, no referrer (the URL holds the token), a strict CSP; POSTs: CSRF.</summary>
    private async Task Guard(HttpContext ctx, RequestDelegate next)
    {
        var h = ctx.Response.Headers;
        h.CacheControl = "no-store";
        h["Referrer-Policy"] = "no-referrer";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

        string? fromQuery = ctx.Request.Query["token"].FirstOrDefault();
        string cookie = TokenCookiePrefix + ctx.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string? presented = fromQuery ?? ctx.Request.Cookies[cookie];
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), _token))
        {
            await Text(ctx, StatusCodes.Status401Unauthorized, "401: the access token is missing or wrong; open the URL `pixelscrub review` printed\n");
            return;
        }

        if (fromQuery is not null)
        {
            ctx.Response.Cookies.Append(cookie, Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
        }

        if (HttpMethods.IsPost(ctx.Request.Method))
        {
            string? csrf = ctx.Request.Headers[CsrfHeader].FirstOrDefault();
            string? origin = ctx.Request.Headers.Origin.FirstOrDefault();
            bool sameOrigin = origin is null || string.Equals(origin, $"{ctx.Request.Scheme}://{ctx.Request.Host}", StringComparison.OrdinalIgnoreCase);
            bool json = ctx.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
            if (csrf is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(csrf), Encoding.ASCII.GetBytes(_csrf)) || !sameOrigin || !json)
            {
                await Text(ctx, StatusCodes.Status403Forbidden, "403: refused (cross-site request protection): the page's CSRF token, a JSON body and its own origin are required\n");
                return;
            }
        }
        else if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            await Text(ctx, StatusCodes.Status405MethodNotAllowed, "405: GET and POST only\n");
            return;
        }

        await next(ctx);
    }

    private async Task Page(HttpContext ctx)
    {
        var html = _page ??= Asset("page.html").Replace("{{csrf}}", _csrf, StringComparison.Ordinal);
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(html);
    }

    private async Task Asset(HttpContext ctx)
    {
        var name = (string?)ctx.Request.RouteValues["name"];
        string? type = name switch { "page.js" => "text/javascript; charset=utf-8", "page.css" => "text/css; charset=utf-8", _ => null };
        if (type is null)
        {
            await Text(ctx, 404, "404: no such asset\n");
            return;
        }

        ctx.Response.ContentType = type;
        await ctx.Response.WriteAsync(Asset(name!));
    }

    private static string Asset(string name) => Assets.GetOrAdd(name, ReadAsset);

    private static string ReadAsset(string name)
    {
        using var s = typeof(ReviewServer).Assembly.GetManifestResourceStream("PixelScrub.Review.Assets." + name)
            ?? throw new InvalidOperationException($"the asset {name} is not embedded");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    private Task Overview(HttpContext ctx)
    {
        var states = _store.AllStates();
        var files = _catalog.Files;
        var counts = files.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rows = files.Select(f => new FileSummary(f.Id, f.Name, f.Status, states.GetValueOrDefault(f.Id, f.Decidable ? ReviewStore.ToReview : ""),
            f.Row.Reason ?? "", f.SignatureText, f.RuleLabels)).ToArray();
        return Json(ctx, 200, new Overview(Path.GetFullPath(_options.OutputDirectory), _options.ResolvedReport, _options.ResolvedRules, _options.Reviewer, counts, rows),
            ReviewJson.Default.Overview);
    }

    private Task Detail(HttpContext ctx)
    {
        if (FileOf(ctx) is not { } f) return NotFound(ctx);
        var (previous, next) = _catalog.Neighbours(f.Id);
        var (state, note) = _store.StateOf(f.Id);
        var boxes = new List<Box>();
        foreach (var m in f.Sidecar?.Matches ?? [])
        {
            foreach (var r in m.Regions) boxes.AddRange(RegionBoxes(r, $"{m.Group}: {m.Label}", f));
        }

        if (f.Sidecar is not { Matches.Count: > 0 })
        {
            foreach (var op in ReviewImages.ReportRegions(f.Row.Regions, f.Columns, f.Rows))
                boxes.Add(OpBox(op, $"{f.Row.Group}: {f.Row.Label}", f));
        }

        foreach (var t in f.Row.Text ?? f.Sidecar?.Text ?? [])
        {
            if (ReviewImages.TryRegion(t.Box, out var r)) boxes.Add(new Box(r.X0, r.Y0, r.X1, r.Y1, $"OCR {t.Verdict}: {t.Text}", "text", t.Frame));
        }

        var matches = f.Sidecar?.Matches.Select(m => new MatchInfo(m.Group, m.Label, m.Reason, m.Source, m.Regions)).ToArray()
            ?? (f.Row.Label is { } label ? [new MatchInfo(f.Row.Group ?? "", label, "", "", f.Row.Regions?.Split(';') ?? [])] : []);
        var detail = new FileDetail(f.Id, f.Name, f.Row.Input, f.Row.Output, f.Status, f.Row.Decision, f.Row.Reason ?? "",
            f.Decidable ? state : state == ReviewStore.ToReview ? "" : state, note, f.SignatureText, f.Frames, f.Columns, f.Rows, f.Grey, f.Decidable,
            previous, next, boxes, matches, f.Header, f.Row.Notes, _store.AuditOf(f.Id));
        return Json(ctx, 200, detail, ReviewJson.Default.FileDetail);
    }

    private static IEnumerable<Box> RegionBoxes(string text, string label, ReviewFile f) =>
        ReviewImages.ReportRegions(text, f.Columns, f.Rows).Select(op => OpBox(op, label, f));

    private static Box OpBox(MaskOperation op, string label, ReviewFile f)
    {
        var r = op.All ? new Region(0, 0, f.Columns, f.Rows) : op.Region;
        return new Box(r.X0, r.Y0, r.X1, r.Y1, (op.Value == MaskValue.Keep ? "keep " : "") + label, op.Value == MaskValue.Keep ? "keep" : "rule");
    }

    private Task Like(HttpContext ctx)
    {
        if (FileOf(ctx) is not { } f) return NotFound(ctx);
        var like = _decisions.LikeThis(f);
        return Json(ctx, 200, new LikeThis(f.SignatureText, like.Count, like.Select(l => l.Id).ToArray()), ReviewJson.Default.LikeThis);
    }

    private async Task Image(HttpContext ctx)
    {
        if (FileOf(ctx) is not { } f)
        {
            await NotFound(ctx);
            return;
        }

        var which = (string?)ctx.Request.RouteValues["which"];
        if (which is not ("original" or "cleaned"))
        {
            await NotFound(ctx);
            return;
        }

        int frame = int.Parse((string)ctx.Request.RouteValues["frame"]!, System.Globalization.CultureInfo.InvariantCulture);
        string preset = ctx.Request.Query["preset"].FirstOrDefault() ?? "file";
        int width = int.TryParse(ctx.Request.Query["w"].FirstOrDefault(), out var w) ? Math.Clamp(w, 16, 4096) : 0;
        try
        {
            var extra = ParseRegions(ctx.Request.Query["r"].FirstOrDefault(), f);
            var png = await Task.Run(() => _images.Png(f, which == "cleaned", frame, preset, extra, width));
            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(png);
        }
        catch (Exception ex) when (ex is ArgumentException)
        {
            await Text(ctx, 400, $"400: {ex.Message}\n");
        }
        catch (Exception ex) when (ex is PixelScrubException or IOException or UnauthorizedAccessException)
        {
            await Text(ctx, 422, $"cannot render {f.Name}: {(ex as PixelScrubException)?.Describe() ?? ex.Message}\n");
        }
    }

    /// <summary>Rectangles drawn but not applied yet, "x0,y0,x1,y1;..." in the query (bounded like a decision).</summary>
    private static IReadOnlyList<Region> ParseRegions(string? text, ReviewFile f)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var boxes = new List<int[]>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ReviewImages.TryRegion(part, out var r)) throw new ArgumentException($"not a rectangle: '{part}'");
            boxes.Add([r.X0, r.Y0, r.X1, r.Y1]);
        }

        return ReviewDecisions.Regions(f, boxes);
    }

    private async Task Decide(HttpContext ctx, Func<ReviewFile, byte[], Task<ActionResult>> decide)
    {
        if (FileOf(ctx) is not { } f)
        {
            await NotFound(ctx);
            return;
        }

        byte[] body;
        try
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms);
            body = ms.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            await Text(ctx, ex.StatusCode, $"{ex.StatusCode}: {ex.Message}\n");
            return;
        }

        ActionResult result;
        int status = 200;
        try
        {
            result = await Task.Run(() => decide(f, body));
            if (!result.Ok && result.Files.All(r => r.Status != "cleaned")) status = 422;
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            result = new ActionResult(false, ex.Message, null, []);
            status = 400;
        }
        catch (Exception ex) when (ex is PixelScrubException or IOException or UnauthorizedAccessException or Pipeline.BatchSetupException or InvalidOperationException)
        {
            result = new ActionResult(false, (ex as PixelScrubException)?.Describe() ?? ex.Message, null, []);
            status = 500;
        }

        await Json(ctx, status, result, ReviewJson.Default.ActionResult);
    }

    private static T? Read<T>(byte[] body, JsonTypeInfo<T> type) => body.Length == 0 ? default : JsonSerializer.Deserialize(body, type);

    private ReviewFile? FileOf(HttpContext ctx) => ctx.Request.RouteValues["id"] is string id ? _catalog.Find(id) : null;

    private static Task NotFound(HttpContext ctx) => Text(ctx, 404, "404: no file with that id in the report\n");

    private static async Task Json<T>(HttpContext ctx, int status, T value, JsonTypeInfo<T> type)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, value, type);
    }

    private static async Task Text(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(text);
    }
}
