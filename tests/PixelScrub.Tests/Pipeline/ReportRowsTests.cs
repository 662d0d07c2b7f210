using PixelScrub.Pipeline;

namespace PixelScrub.Tests.Pipeline;

/// <summary>
/// The one reader of JSONL reports: rows come back with their line numbers and text as written; a line too long (or a
/// huge file with no line end) is refused naming the file and line after reading at most the limit; a line that holds no
/// row is an error naming the file and line only where a row is required.
/// </summary>
public sealed class ReportRowsTests
{
    [Fact]
    public void A_line_over_the_limit_in_a_3_GB_report_is_refused_naming_file_and_line_without_reading_it_whole()
    {
        using var f = new BatchFolder();
        var report = f.P("huge.report.jsonl");
        const string good = "{\"input\":\"/in/a.dcm\",\"status\":\"passed\"}";
        using (var fs = new FileStream(report, FileMode.Create))
        {
            fs.Write(System.Text.Encoding.UTF8.GetBytes(good + "\n\n"));
            fs.SetLength(3L << 30);   // sparse: no disk used, and no line end in 3 GB
        }

        var rows = new List<ReportRow>();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ReportRowException>(() => rows.AddRange(ReportRows.Read(report)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20, "the report was read far past its row limit");
        Assert.Equal($"{report}:3: a line longer than 1,048,576 characters; report rows above 1,048,576 characters are refused", ex.Message);
        var row = Assert.Single(rows);
        Assert.Equal((1, good, "/in/a.dcm"), (row.Line, row.Text, row.Required.Input));
    }

    [Fact]
    public void A_line_that_holds_no_row_is_returned_without_one_and_refused_where_a_row_is_required()
    {
        using var f = new BatchFolder();
        var report = f.P("cut.report.jsonl");
        File.WriteAllText(report, "{\"input\":\"/in/a.dcm\",\"status\":\"passed\"}\n{\"input\":\"/in/b.d\nnull\n");
        var rows = ReportRows.Read(report).ToList();
        Assert.Equal([1, 2, 3], rows.Select(r => r.Line));
        Assert.NotNull(rows[0].Outcome);
        Assert.Null(rows[1].Outcome);
        Assert.StartsWith($"{report}:2: not a report row: ", Assert.Throws<ReportRowException>(() => rows[1].Required).Message);
        Assert.Equal($"{report}:3: not a report row: null", Assert.Throws<ReportRowException>(() => rows[2].Required).Message);
    }
}
