using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Samples;
using PixelScrub.Text;

namespace PixelScrub.Review.Tests;

/// <summary>
/// A `clean` run to review: the demo set plus two more scanned documents of the same device, cleaned with the built-in
/// rules and no text reading (the three documents are quarantined: flagged without regions), and the review server
/// started over it.
/// </summary>
public sealed class ReviewWorkspace : IAsyncDisposable
{
    public static readonly string[] Documents = ["sc/scanned-document.dcm", "sc/scanned-document-2.dcm", "sc/scanned-document-3.dcm"];

    private ReviewWorkspace(string root, ReviewServer server)
    {
        Root = root;
        Server = server;
    }

    public string Root { get; }
    public ReviewServer Server { get; }
    public string Input => Path.Combine(Root, "input");
    public string Output => Path.Combine(Root, "out");
    public string Quarantine => Path.Combine(Root, "out.quarantine");
    public string Report => Path.Combine(Root, "out.report.jsonl");
    public string RulesFile => Path.Combine(Root, "out.review.deid");

    /// <param name="beforeServe">called with the report's path after the run and before the server starts (adds data a run would)</param>
    public static async Task<ReviewWorkspace> Create(Action<string>? beforeServe = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "pixelscrub-review-" + Guid.NewGuid().ToString("N")[..8]);
        var input = Path.Combine(root, "input");
        DemoSamples.Write(input);
        foreach (var name in Documents.Skip(1))
            DicomWriter.WriteFile(DicomFile.Create(DemoSamples.ScannedDocument(), TransferSyntax.ExplicitVRLittleEndian), Path.Combine(input, name));
        // Rules only, as the page's own re-runs are: these tests look at the page, not at OCR (with the default verify,
        // reading the frames of the three ultrasounds took about 30 s of every test that starts here).
        var summary = BatchRunner.Run(new BatchOptions
        {
            Inputs = [input], OutputDirectory = Path.Combine(root, "out"), Rules = RuleSet.Defaults, Jobs = 1, Text = TextOptions.Off,
        });
        Assert.Equal(3, summary.Quarantined);
        beforeServe?.Invoke(Path.Combine(root, "out.report.jsonl"));
        var server = await ReviewServer.StartAsync(new ReviewOptions { OutputDirectory = Path.Combine(root, "out"), Reviewer = "test reviewer" });
        return new ReviewWorkspace(root, server);
    }

    public string Id(string relative) => ReviewCatalog.IdOf(Path.Combine(Input, relative));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind does no harm
        }
    }
}
