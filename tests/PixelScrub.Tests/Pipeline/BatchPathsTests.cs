using PixelScrub.Pipeline;

namespace PixelScrub.Tests.Pipeline;

/// <summary>Every path is checked before any file is touched: nothing is read, written or created when one is wrong.</summary>
public sealed class BatchPathsTests : IDisposable
{
    private readonly BatchFolder _f = new();

    public void Dispose() => _f.Dispose();

    private void AssertRefusedUntouched(BatchOptions options, string expected)
    {
        var before = BatchFolder.Snapshot(_f.In);
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(options));
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        var after = BatchFolder.Snapshot(_f.In);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (path, bytes) in before) Assert.Equal(bytes, after[path]);
        Assert.False(Directory.Exists(_f.Out), "the output folder was created although the run was refused");
    }

    [Fact]
    public void A_report_naming_an_input_file_is_refused_and_the_input_is_not_overwritten()
    {
        var input = Path.Combine(_f.In, "ct", "axial-0001.dcm");
        AssertRefusedUntouched(_f.Options(input) with { ReportPath = input }, "would overwrite it");
        AssertRefusedUntouched(_f.Options() with { ReportPath = input }, "inside the input folder");
    }

    [Fact]
    public void Report_quarantine_previews_and_output_inside_an_input_folder_are_refused()
    {
        AssertRefusedUntouched(_f.Options() with { ReportPath = Path.Combine(_f.In, "report.jsonl") }, "the report");
        AssertRefusedUntouched(_f.Options() with { QuarantineDirectory = Path.Combine(_f.In, "q") }, "the quarantine folder");
        AssertRefusedUntouched(_f.Options() with { QuarantineDirectory = _f.In }, "the quarantine folder");
        AssertRefusedUntouched(_f.Options() with { OutputDirectory = Path.Combine(_f.In, "ct", "out") }, "the output folder");
        AssertRefusedUntouched(_f.Options() with { Previews = true, ReportPath = Path.Combine(_f.In, "..", "in", "x", "r.jsonl") }, "inside the input folder");
    }

    [Fact]
    public void A_path_reaching_an_input_through_a_symbolic_link_is_refused_too()
    {
        var link = _f.P("link-to-in");
        Directory.CreateSymbolicLink(link, _f.In);
        AssertRefusedUntouched(_f.Options() with { ReportPath = Path.Combine(link, "r.jsonl") }, "inside the input folder");
    }

    [Fact]
    public void Out_naming_a_file_is_refused_with_one_line()
    {
        var file = _f.P("a-file");
        File.WriteAllText(file, "x");
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(_f.Options() with { OutputDirectory = file }));
        Assert.Contains("is a file, not a folder", ex.Message);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void An_input_inside_the_output_or_quarantine_folder_is_refused()
    {
        Directory.CreateDirectory(_f.Out);
        var inside = Path.Combine(_f.Out, "x.dcm");
        File.Copy(Path.Combine(_f.In, "ct", "axial-0001.dcm"), inside);
        Assert.Contains("is inside the output folder", Assert.Throws<BatchSetupException>(() => BatchRunner.Run(_f.Options(inside))).Message);
    }

    [Fact]
    public void Two_files_with_the_same_name_are_refused_with_the_layout_suggestion_and_full_path_keeps_both()
    {
        var other = _f.P("other", "ct");
        Directory.CreateDirectory(other);
        var a = Path.Combine(_f.In, "ct", "axial-0001.dcm");
        var b = Path.Combine(other, "axial-0001.dcm");
        File.Copy(Path.Combine(_f.In, "ct", "dose-report.dcm"), b);

        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(_f.Options(a, b)));
        Assert.Contains(a, ex.Message);
        Assert.Contains(b, ex.Message);
        Assert.Contains("--layout full-path", ex.Message);
        Assert.False(Directory.Exists(_f.Out));

        var summary = BatchRunner.Run(_f.Options(a, b) with { Layout = OutputLayout.FullPath });
        Assert.Equal(2, summary.Total);
        var outA = Path.Combine(_f.Out, a.TrimStart('/'));
        var outB = Path.Combine(_f.Out, b.TrimStart('/'));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(outA));     // passed: byte-identical copy
        Assert.True(File.Exists(outB), "the second input's output is missing");
        Assert.NotEqual(File.ReadAllBytes(outA), File.ReadAllBytes(outB));
    }

    [Fact]
    public void Two_input_folders_with_the_same_name_are_refused()
    {
        var second = _f.P("elsewhere", "in");
        Directory.CreateDirectory(second);
        File.Copy(Path.Combine(_f.In, "ct", "axial-0001.dcm"), Path.Combine(second, "x.dcm"));
        File.Copy(Path.Combine(_f.In, "ct", "axial-0001.dcm"), Path.Combine(_f.In, "x.dcm"));
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(_f.Options(_f.In, second)));
        Assert.Contains("output names collide", ex.Message);
        Assert.Contains(Path.Combine("in", "x.dcm"), ex.Message);
    }

    [Fact]
    public void The_same_input_named_twice_is_processed_once()
    {
        var a = Path.Combine(_f.In, "ct", "axial-0001.dcm");
        var summary = BatchRunner.Run(_f.Options(a, Path.Combine(_f.In, "ct", "..", "ct", "axial-0001.dcm")));
        Assert.Equal(1, summary.Total);
    }
}
