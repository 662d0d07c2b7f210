using System.Security.Cryptography;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Pipeline;

namespace PixelScrub.Review.Tests;

/// <summary>The review page in a real headless chromium: overview, a file, drawing, deciding, keys.</summary>
public sealed class ReviewPageTests(Browser browser) : IClassFixture<Browser>
{
    private IWebDriver Driver => browser.Driver;

    [Fact]
    public async Task Overview_counts_statuses_and_filters_by_status_and_search()
    {
        await using var ws = await ReviewWorkspace.Create();
        Driver.Navigate().GoToUrl(ws.Server.Url);
        browser.Until(() => Driver.FindElements(By.CssSelector("#files tbody tr")).Count == 8, "8 files in the overview");
        var counts = browser.Find("counts").Text;
        Assert.Contains("quarantined: 3", counts);
        Assert.Contains("cleaned: 4", counts);
        Assert.Contains("passed: 1", counts);
        browser.Screenshot("review-overview.png");

        browser.Select("f-status", "quarantined");
        var rows = browser.Until(() => Driver.FindElements(By.CssSelector("#files tbody tr")) is { Count: 3 } r ? r : null, "3 quarantined rows");
        Assert.All(rows, r => Assert.Contains("quarantined", r.Text));

        browser.Select("f-status", "");
        browser.Find("search").SendKeys("dose");
        var found = browser.Until(() => Driver.FindElements(By.CssSelector("#files tbody tr")) is { Count: 1 } r ? r : null, "one row for 'dose'");
        Assert.Contains("ct/dose-report.dcm", found[0].Text);
    }

    [Fact]
    public async Task Drawn_rectangle_applied_writes_a_rule_and_a_cleaned_file_and_leaves_the_input_alone()
    {
        await using var ws = await ReviewWorkspace.Create();
        var input = Path.Combine(ws.Input, ReviewWorkspace.Documents[0]);
        var inputHash = SHA256.HashData(File.ReadAllBytes(input));
        var id = ws.Id(ReviewWorkspace.Documents[0]);
        Driver.Navigate().GoToUrl(ws.Server.Url);
        browser.Until(() => Driver.FindElements(By.CssSelector($"#files tbody tr[data-id='{id}']")).FirstOrDefault(), "the quarantined file's row").Click();
        browser.Until(() => Driver.Url.EndsWith("#/file/" + id, StringComparison.Ordinal), "the file page");
        browser.Until(() => browser.Find("name").Text == ReviewWorkspace.Documents[0], "the file's name");
        var img = browser.Find("original-img");
        browser.Until(() => (long)((IJavaScriptExecutor)Driver).ExecuteScript("return arguments[0].naturalWidth", img)! == 300, "the original image");

        // Drag from 20% to 70% of the width and 5% to 25% of the height of the shown image.
        var size = img.Size;
        new Actions(Driver).MoveToElement(browser.Find("draw-layer"), (int)(size.Width * -0.30), (int)(size.Height * -0.45))
            .ClickAndHold().MoveByOffset((int)(size.Width * 0.5), (int)(size.Height * 0.2)).Release().Perform();
        var drawn = browser.Until(() => browser.Find("drawn").Text is { Length: > 0 } t ? t : null, "the drawn rectangle");
        Assert.StartsWith("1 rectangle(s)", drawn);
        browser.Screenshot("review-file.png");

        browser.Keys("a");
        var result = browser.Until(() => browser.Find("result").Text is var t && t.Contains("cleaned", StringComparison.Ordinal) ? t : null, "the result of apply");
        Assert.Contains("1 of 1 file(s) cleaned", result);

        // The rule: a LABEL for the device signature with the drawn coordinates.
        var recipe = File.ReadAllText(ws.RulesFile);
        Assert.Contains("LABEL reviewed: ACME SCANNER (no model) 300x400 MONOCHROME2", recipe);
        Assert.Contains("equals Manufacturer ACME SCANNER", recipe);
        var coordinates = recipe.Split('\n').Single(l => l.TrimStart().StartsWith("coordinates ", StringComparison.Ordinal)).Trim()["coordinates ".Length..].Split(',').Select(int.Parse).ToArray();
        Assert.InRange(coordinates[0], 50, 70);
        Assert.InRange(coordinates[2], 200, 220);

        // The cleaned file: every pixel of the region black (the document's paper is 235), the rest as it was.
        var output = Path.Combine(ws.Output, ReviewWorkspace.Documents[0]);
        Assert.True(File.Exists(output), $"no output at {output}");
        using var cleaned = DicomFile.Open(output);
        var pixels = DicomImage.FromFile(cleaned).NativeFrame(0);
        using var original = DicomFile.Open(input);
        var before = DicomImage.FromFile(original).NativeFrame(0);
        int blacked = 0;
        for (int y = 0; y < 400; y++)
        {
            for (int x = 0; x < 300; x++)
            {
                bool inside = x >= coordinates[0] && x < coordinates[2] && y >= coordinates[1] && y < coordinates[3];
                if (inside)
                {
                    Assert.Equal(0, pixels[y * 300 + x]);
                    blacked += before[y * 300 + x] != 0 ? 1 : 0;
                }
                else
                {
                    Assert.Equal(before[y * 300 + x], pixels[y * 300 + x]);
                }
            }
        }

        Assert.True(blacked > 1000, $"only {blacked} pixels changed");
        Assert.Equal(inputHash, SHA256.HashData(File.ReadAllBytes(input)));

        // The report row says cleaned, and the page shows the decision in the audit list.
        var row = File.ReadLines(ws.Report).Select(l => JsonSerializer.Deserialize(l, PipelineJson.Default.FileOutcome)!).Single(r => r.Input == input);
        Assert.Equal(FileStatus.Cleaned, row.Status);
        Assert.Equal(output, row.Output);
        browser.Until(() => browser.Find("audit").Text.Contains("test reviewer: apply", StringComparison.Ordinal), "the audit row");
    }

    [Fact]
    public async Task Apply_to_all_like_this_shows_the_count_and_previews_then_cleans_every_one()
    {
        await using var ws = await ReviewWorkspace.Create();
        var id = ws.Id(ReviewWorkspace.Documents[1]);
        Driver.Navigate().GoToUrl(ws.Server.Url + "#/file/" + id);
        var img = browser.Find("original-img");
        browser.Until(() => (long)((IJavaScriptExecutor)Driver).ExecuteScript("return arguments[0].naturalWidth", img)! == 300, "the original image");
        var size = img.Size;
        new Actions(Driver).MoveToElement(browser.Find("draw-layer"), (int)(size.Width * -0.45), (int)(size.Height * -0.45))
            .ClickAndHold().MoveByOffset((int)(size.Width * 0.8), (int)(size.Height * 0.3)).Release().Perform();
        browser.Until(() => browser.Find("drawn").Text.Length > 0, "the drawn rectangle");

        browser.Keys("A");
        var count = browser.Until(() => browser.Find("like-panel").Displayed ? browser.Find("like-count").Text : null, "the apply-to-all panel");
        Assert.StartsWith("3 quarantined file(s) with the device signature ACME SCANNER", count);
        Assert.Equal(3, Driver.FindElements(By.CssSelector("#like-strip img")).Count);
        browser.Until(() => Driver.FindElements(By.CssSelector("#like-strip img")).All(i =>
            (long)((IJavaScriptExecutor)Driver).ExecuteScript("return arguments[0].naturalWidth", i)! == 160), "three preview thumbnails");

        browser.Keys(Keys.Enter);
        var result = browser.Until(() => browser.Find("result").Text is var t && t.Contains("file(s) cleaned", StringComparison.Ordinal) ? t : null, "the result");
        Assert.Contains("3 of 3 file(s) cleaned", result);
        foreach (var name in ReviewWorkspace.Documents) Assert.True(File.Exists(Path.Combine(ws.Output, name)), $"{name} was not written to the output");
        Assert.Single(File.ReadAllText(ws.RulesFile).Split('\n'), l => l.StartsWith("LABEL ", StringComparison.Ordinal));
        var rows = File.ReadLines(ws.Report).Select(l => JsonSerializer.Deserialize(l, PipelineJson.Default.FileOutcome)!).ToList();
        Assert.Equal(8, rows.Count);
        Assert.DoesNotContain(rows, r => r.Status == FileStatus.Quarantined);
    }

    [Fact]
    public async Task Keys_move_through_the_overview_and_files_release_and_keep()
    {
        await using var ws = await ReviewWorkspace.Create();
        Driver.Navigate().GoToUrl(ws.Server.Url);
        browser.Select("f-status", "quarantined");
        browser.Until(() => Driver.FindElements(By.CssSelector("#files tbody tr")).Count == 3, "3 quarantined rows");
        var rows = Driver.FindElements(By.CssSelector("#files tbody tr"));
        var ids = rows.Select(r => r.GetAttribute("data-id")).ToArray();
        var names = rows.Select(r => r.FindElement(By.TagName("td")).Text).ToArray();
        void Showing(int i, string status) => browser.Until(() => Driver.Url.EndsWith("#/file/" + ids[i], StringComparison.Ordinal)
            && browser.Find("name").Text == names[i] && browser.Find("badge").Text.StartsWith(status, StringComparison.Ordinal), $"{names[i]}, {status}");
        ((IJavaScriptExecutor)Driver).ExecuteScript("document.activeElement.blur()"); // keys go to the page, not the list

        browser.Keys("j");
        browser.Until(() => Driver.FindElement(By.CssSelector("#files tbody tr.sel")).GetAttribute("data-id") == ids[1], "the second row selected");
        browser.Keys(Keys.Enter);
        Showing(1, "quarantined");
        browser.Keys("n");
        Showing(2, "quarantined");
        browser.Keys("p");
        Showing(1, "quarantined");

        // r: released unchanged, byte for byte the quarantined copy.
        browser.Keys("r");
        browser.Until(() => browser.Find("result").Text.Contains("released unchanged", StringComparison.Ordinal), "the release");
        var released = Directory.EnumerateFiles(ws.Output, "*.dcm", SearchOption.AllDirectories).Where(p => p.Contains("scanned", StringComparison.Ordinal)).ToList();
        Assert.Single(released);
        var relative = Path.GetRelativePath(ws.Output, released[0]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(ws.Quarantine, relative)), File.ReadAllBytes(released[0]));

        // k: kept with a note, recorded in the state the next session reads.
        browser.Until(() => browser.Find("badge").Text.StartsWith("passed", StringComparison.Ordinal), "the released file's new status");
        browser.Keys("n");
        Showing(2, "quarantined");
        browser.Keys("k");
        browser.Find("note-input").SendKeys("ask the site which letter this is" + Keys.Enter);
        browser.Until(() => browser.Find("badge").Text.Contains("kept", StringComparison.Ordinal), "the kept state");
        Assert.Contains("note: ask the site which letter this is", browser.Find("badge").Text);

        browser.Keys(Keys.Escape);
        browser.Until(() => browser.Find("overview").Displayed && !browser.Find("file-page").Displayed, "the overview again");
    }
}
