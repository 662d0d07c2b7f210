using PixelScrub.Pipeline;

namespace PixelScrub.Review.Tests;

/// <summary>
/// The review page reads the batch report through the bounded report reader: a report with a line of gigabytes is
/// refused naming the file and line, when the page starts and when a decision rewrites the report, never read whole.
/// </summary>
public sealed class ReviewReportTests
{
    private const long Budget = 64L << 20;

    /// <summary>Appends 3 GB without a line end (sparse: no disk used) to <paramref name="path"/>.</summary>
    private static void AppendHugeLine(string path)
    {
        using var fs = new FileStream(path, FileMode.Open);
        fs.SetLength(fs.Length + (3L << 30));
    }

    [Fact]
    public async Task A_report_line_of_3_GB_is_refused_naming_file_and_line_when_the_page_starts_and_when_a_decision_rewrites_it()
    {
        await using var ws = await ReviewWorkspace.Create();
        var options = new ReviewOptions { OutputDirectory = ws.Output, Reviewer = "test reviewer" };
        var started = ReviewCatalog.Load(options);   // a page started before the line was there
        int rows = File.ReadLines(ws.Report).Count();
        AppendHugeLine(ws.Report);
        string expected = $"{ws.Report}:{rows + 1}: a line longer than 1,048,576 characters; report rows above 1,048,576 characters are refused";

        long before = GC.GetAllocatedBytesForCurrentThread();
        var setup = Assert.Throws<ReviewSetupException>(() => ReviewCatalog.Load(options));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < Budget, "the report was read far past its row limit");
        Assert.Equal(expected, setup.Message);

        // A decision on the page started before: the rewrite refuses the report and leaves it as it was.
        using var store = new ReviewStore(Path.Combine(ws.Root, "other.review.sqlite"));
        var file = started.Find(ws.Id(ReviewWorkspace.Documents[0]))!;
        var decisions = new ReviewDecisions(options, started, store);
        long length = new FileInfo(ws.Report).Length;
        before = GC.GetAllocatedBytesForCurrentThread();
        var refused = await Assert.ThrowsAsync<ReportRowException>(() => decisions.Release(file));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < Budget, "the report was read far past its row limit");
        Assert.Equal(expected, refused.Message);
        Assert.Equal(length, new FileInfo(ws.Report).Length);
    }

    [Fact]
    public async Task Applying_a_rule_to_all_files_like_this_rewrites_the_report_once_with_every_file_s_new_row()
    {
        await using var ws = await ReviewWorkspace.Create();
        var options = new ReviewOptions { OutputDirectory = ws.Output, Reviewer = "test reviewer" };
        var catalog = ReviewCatalog.Load(options);
        using var store = new ReviewStore(Path.Combine(ws.Root, "other.review.sqlite"));
        var decisions = new ReviewDecisions(options, catalog, store);
        var file = catalog.Find(ws.Id(ReviewWorkspace.Documents[0]))!;
        int before = ReportRows.Read(ws.Report).Count();

        // Each rewrite renames a temp file onto the report.
        int rewrites = 0;
        using var watcher = new FileSystemWatcher(ws.Root) { NotifyFilter = NotifyFilters.FileName };
        watcher.Renamed += (_, e) =>
        {
            if (e.Name == Path.GetFileName(ws.Report)) Interlocked.Increment(ref rewrites);
        };
        watcher.EnableRaisingEvents = true;
        var result = await decisions.Apply(file, [[0, 0, file.Columns, file.Rows / 4]], allLikeThis: true);
        Assert.True(result.Ok, result.Message);
        Assert.Equal(3, result.Files.Count);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref rewrites) > 0, TimeSpan.FromSeconds(10)), "the report was not rewritten");
        Thread.Sleep(500);   // time for the notices of any further rewrite to arrive
        Assert.Equal(1, Volatile.Read(ref rewrites));

        var rows = ReportRows.Read(ws.Report).Select(r => r.Required).ToList();
        Assert.Equal(before, rows.Count);
        foreach (var document in ReviewWorkspace.Documents)
        {
            var row = Assert.Single(rows, r => r.Input == Path.Combine(ws.Input, document));
            Assert.Equal(FileStatus.Cleaned, row.Status);
            Assert.Contains(row.Notes, n => n.Contains("applied rule", StringComparison.Ordinal));
        }
    }
}
