using System.Text.Json;
using OpenQA.Selenium;
using PixelScrub.Pipeline;
using PixelScrub.Text;

namespace PixelScrub.Review.Tests;

/// <summary>The file page's viewer in a real headless chromium: the frame slider of a cine, window presets, OCR boxes.</summary>
public sealed class ReviewViewerTests(Browser browser) : IClassFixture<Browser>
{
    private const string Cine = "us/philips-epiq-cine.dcm", Ct = "ct/axial-0001.dcm";

    private IWebDriver Driver => browser.Driver;

    private object? Js(string script, params object[] args) => ((IJavaScriptExecutor)Driver).ExecuteScript(script, args);

    /// <summary>Opens the file page of <paramref name="name"/> and waits until it shows that file; returns the file's id.</summary>
    private string OpenFile(ReviewWorkspace ws, string name, string what)
    {
        var id = ws.Id(name);
        Driver.Navigate().GoToUrl(ws.Server.Url + "#/file/" + id);
        browser.Until(() => browser.Find("name").Text == name, what);
        return id;
    }

    /// <summary>Waits for #original-img to show <paramref name="path"/> (loaded), then returns its pixels' FNV hash and its source.</summary>
    private (string Src, long Hash) Shown(string pathAndQuery, string what)
    {
        var img = browser.Find("original-img");
        browser.Until(() => Js("const i = arguments[0]; return i.complete && i.naturalWidth > 0 && new URL(i.src).pathname + new URL(i.src).search", img) is string s
            && s == pathAndQuery, what);
        var hash = (long)Js("""
            const i = arguments[0], c = document.createElement('canvas');
            c.width = i.naturalWidth; c.height = i.naturalHeight;
            const g = c.getContext('2d'); g.drawImage(i, 0, 0);
            const d = g.getImageData(0, 0, c.width, c.height).data;
            let h = 2166136261;
            for (let k = 0; k < d.length; k++) { h ^= d[k]; h = Math.imul(h, 16777619) >>> 0; }
            return h;
            """, img)!;
        return ((string)Js("return arguments[0].src", img)!, hash);
    }

    /// <summary>
    /// After a control moved to frame <paramref name="frame"/> with window <paramref name="preset"/>: the original shows it,
    /// a picture other than <paramref name="before"/>, and the cleaned side follows to the same frame and window.
    /// </summary>
    private (string Src, long Hash) ShownChanged(string id, int frame, string preset, (string Src, long Hash) before, string what)
    {
        var shown = Shown($"/img/{id}/original/{frame}?preset={preset}", what);
        Assert.NotEqual(before.Hash, shown.Hash);
        Assert.EndsWith($"/img/{id}/cleaned/{frame}?preset={preset}", browser.Find("cleaned-img").GetAttribute("src"));
        return shown;
    }

    [Fact]
    public async Task Frame_slider_and_frame_keys_show_other_frames_of_a_cine()
    {
        await using var ws = await ReviewWorkspace.Create();
        var id = OpenFile(ws, Cine, "the cine's page");
        Assert.True(browser.Find("frame-box").Displayed, "no frame slider for a 12-frame cine");
        Assert.Equal("12", browser.Find("frame").GetAttribute("max"));
        var first = Shown($"/img/{id}/original/0?preset=file", "frame 1");
        Assert.Equal("1 of 12", browser.Find("frame-no").Text);

        // The slider, moved as a person does (value changed, input event), to frame 6.
        Js("const s = arguments[0]; s.value = 6; s.dispatchEvent(new Event('input', { bubbles: true }))", browser.Find("frame"));
        var sixth = ShownChanged(id, 5, "file", first, "frame 6 after the slider moved");
        Assert.Equal("6 of 12", browser.Find("frame-no").Text);

        // The keys: '.' forward, ',' back; stops at the last frame.
        Js("document.activeElement.blur()");
        browser.Keys(".");
        var seventh = Shown($"/img/{id}/original/6?preset=file", "frame 7 after '.'");
        Assert.NotEqual(sixth.Hash, seventh.Hash);
        Assert.Equal("7", browser.Find("frame").GetAttribute("value"));
        browser.Keys(",,");
        var fifth = Shown($"/img/{id}/original/4?preset=file", "frame 5 after ',,'");
        Assert.NotEqual(sixth.Hash, fifth.Hash);
        for (int i = 0; i < 10; i++) browser.Keys(".");
        Shown($"/img/{id}/original/11?preset=file", "the last frame after many '.'");
        Assert.Equal("12 of 12", browser.Find("frame-no").Text);
    }

    [Fact]
    public async Task Window_presets_change_the_greyscale_image_served()
    {
        await using var ws = await ReviewWorkspace.Create();
        var id = OpenFile(ws, Ct, "the CT's page");
        Assert.False(browser.Find("frame-box").Displayed, "a frame slider for a single frame");
        var presets = Driver.FindElements(By.CssSelector("#presets button")).Select(b => b.GetAttribute("data-preset") ?? "").ToArray();
        Assert.Equal(["file", "minmax", "soft", "bone", "lung", "brain"], presets);
        var file = Shown($"/img/{id}/original/0?preset=file", "the file's window");

        Driver.FindElement(By.CssSelector("#presets button[data-preset='bone']")).Click();
        var bone = ShownChanged(id, 0, "bone", file, "the bone window");
        Assert.Contains("on", browser.Find("presets").FindElement(By.CssSelector("button[data-preset='bone']")).GetAttribute("class"));

        // Key 6: brain (40/80), narrower than bone (400/1800): another picture again.
        Js("document.activeElement.blur()");
        browser.Keys("6");
        var brain = Shown($"/img/{id}/original/0?preset=brain", "the brain window after key 6");
        Assert.NotEqual(bone.Hash, brain.Hash);
        Assert.NotEqual(file.Hash, brain.Hash);

        // A colour image has no presets.
        OpenFile(ws, Cine, "the cine's page");
        Assert.Empty(Driver.FindElements(By.CssSelector("#presets button")));
    }

    [Fact]
    public async Task Ocr_boxes_from_the_report_are_outlined_with_their_labels()
    {
        var document = ReviewWorkspace.Documents[0];
        await using var ws = await ReviewWorkspace.Create(report =>
        {
            // What a `--text` run writes into the report row: a line OCR found, where, and the verdict.
            var rows = File.ReadLines(report).Select(l => JsonSerializer.Deserialize(l, PipelineJson.Default.FileOutcome)!).ToList();
            var i = rows.FindIndex(r => r.Input.EndsWith(document, StringComparison.Ordinal));
            rows[i] = rows[i] with { Text = [new TextFindingRow(0, "ocr", "10,30,190,42", "PATIENT: DOE^JANE", 91.5, "phi", "name", "patient name")] };
            File.WriteAllLines(report, rows.Select(r => JsonSerializer.Serialize(r, PipelineJson.Default.FileOutcome)));
        });
        OpenFile(ws, document, "the document's page");
        var rect = browser.Until(() => Driver.FindElements(By.CssSelector("#draw-layer rect.text")).FirstOrDefault(), "the OCR box");
        Assert.Equal(["10", "30", "180", "12"], new[] { "x", "y", "width", "height" }.Select(a => rect.GetAttribute(a) ?? "").ToArray());
        var labels = Driver.FindElements(By.CssSelector("#draw-layer text")).Select(t => t.GetAttribute("textContent")).ToList();
        Assert.Contains("OCR phi: PATIENT: DOE^JANE", labels);
        Assert.True(rect.Displayed && rect.Size.Width > 0, "the OCR box is not shown");
        browser.Screenshot("review-ocr.png");
    }
}
