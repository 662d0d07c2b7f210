using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace PixelScrub.Review.Tests;

/// <summary>
/// Debian's headless chromium driven through chromedriver (Selenium). A missing browser or driver fails the test and
/// names the package (chromium, chromium-driver); nothing is downloaded.
/// </summary>
public sealed class Browser : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium", DriverPath = "/usr/bin/chromedriver";

    public Browser()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} not found: install the Debian package chromium");
        if (!File.Exists(DriverPath)) throw new InvalidOperationException($"{DriverPath} not found: install the Debian package chromium-driver");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000", "--force-device-scale-factor=1");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
    }

    public IWebDriver Driver { get; }

    /// <summary>Waits for a condition of the page (the page loads and decides asynchronously); fails with <paramref name="what"/>.</summary>
    public T Until<T>(Func<T?> probe, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (probe() is { } value && (value is not bool b || b)) return value;
            }
            catch (WebDriverException ex)
            {
                last = ex;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
            }

            Thread.Sleep(100);
        }

        throw new Xunit.Sdk.XunitException($"the page never showed: {what}{(last is null ? "" : $" (last error: {last.Message})")}");
    }

    public IWebElement Find(string id) => Until(() => Driver.FindElement(By.Id(id)), $"element #{id}");

    /// <summary>Chooses the option with <paramref name="value"/> in a select list, as a click does.</summary>
    public void Select(string id, string value) => Find(id).FindElement(By.CssSelector($"option[value='{value}']")).Click();

    /// <summary>Types keys at the page (not into a field).</summary>
    public void Keys(string keys) => new OpenQA.Selenium.Interactions.Actions(Driver).SendKeys(keys).Perform();

    /// <summary>Saves a screenshot when PIXELSCRUB_SCREENSHOTS names a folder (how the README's pictures are made).</summary>
    public void Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("PIXELSCRUB_SCREENSHOTS") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(Path.Combine(dir, name));
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
