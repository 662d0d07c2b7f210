using PixelScrub.Pipeline;

namespace PixelScrub.Tests.Pipeline;

/// <summary>
/// No two inputs are written to one path in any place an input can go (output, quarantine copy, its sidecar), nor onto
/// the run's own files: such runs are refused before any file is touched, with one line naming the inputs and a layout
/// that keeps them apart when there is one.
/// </summary>
public sealed class OutputNamesTests : IDisposable
{
    private readonly BatchFolder _f = new();

    public void Dispose() => _f.Dispose();

    private string Sample => Path.Combine(_f.In, "ct", "axial-0001.dcm");

    private string Put(params string[] parts)
    {
        var path = _f.P(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Sample, path);
        return path;
    }

    private string Refused(BatchOptions options)
    {
        var before = BatchFolder.Snapshot(_f.Root);
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(options));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.StartsWith("output names collide", ex.Message);
        var after = BatchFolder.Snapshot(_f.Root);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());   // nothing written, nothing removed (the probe, if any, is gone)
        foreach (var (path, bytes) in before) Assert.Equal(bytes, after[path]);
        Assert.False(Directory.Exists(_f.Out), "the output folder was created although the run was refused");
        return ex.Message;
    }

    [Fact]
    public void An_input_named_like_another_inputs_quarantine_sidecar_is_refused()
    {
        // x.dcm quarantined writes x.dcm.json beside its copy: the quarantined copy of the input x.dcm.json.
        var a = Put("side", "x.dcm");
        var b = Put("side", "x.dcm.json");
        var message = Refused(_f.Options(_f.P("side")));
        Assert.Contains(a, message);
        Assert.Contains(b, message);
        Assert.Contains("the quarantine sidecar", message);
        Assert.Contains("no layout keeps them apart", message);
        Refused(_f.Options(_f.P("side")) with { Layout = OutputLayout.FullPath });
    }

    [Theory]
    [InlineData(".pixelscrub-ledger.jsonl")]
    [InlineData(".pixelscrub-lock")]
    [InlineData(".pixelscrub-tmp-x.dcm.1-2.0123")]
    public void An_input_named_with_the_staging_prefix_is_refused_not_skipped(string name)
    {
        var a = Put("own", "sub", name);
        Put("own", "y.dcm");
        var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(_f.Options(_f.P("own"))));
        Assert.Contains(a, ex.Message);
        Assert.Contains("\".pixelscrub-\"", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.False(Directory.Exists(_f.Out));
        Assert.Throws<BatchSetupException>(() => BatchRunner.Run(_f.Options(_f.P("own")) with { Layout = OutputLayout.FullPath }));
    }

    [Fact]
    public void Names_apart_only_by_case_are_refused_where_the_file_system_ignores_case()
    {
        // This kernel has no case-insensitive file system to mount (no vfat, tmpfs/ext4 without casefold), so the
        // file system's answer is given; IgnoresCase_is_false_on_a_case_sensitive_file_system tests the probe itself.
        var a = Put("case", "A.dcm");
        var b = Put("case", "a.dcm");
        var message = Refused(_f.Options(_f.P("case")) with { IgnoreCase = true });
        Assert.Contains(a, message);
        Assert.Contains(b, message);
        Assert.Contains("differ only in case", message);
        Assert.Contains("no layout keeps them apart on this file system", message);

        var summary = BatchRunner.Run(_f.Options(_f.P("case")) with { IgnoreCase = false });
        Assert.Equal(2, summary.Total);
        Assert.True(File.Exists(Path.Combine(_f.Out, "A.dcm")) && File.Exists(Path.Combine(_f.Out, "a.dcm")));
    }

    /// <summary>
    /// Names are folded by one function whether the check compares relative names (the usual case) or whole paths (when the
    /// report lies in OUT): pairs that one case mapping folds are refused by both, pairs it keeps apart (long s and s,
    /// dotless i and i, sharp s and SS, the Kelvin sign and K, é composed and decomposed) by neither. The two checks
    /// once folded differently (OrdinalIgnoreCase in one, normalization and ToUpperInvariant in the other).
    /// </summary>
    [Theory]
    [InlineData("A", "a", true)]
    [InlineData("\u01C5", "\u01C4", true)]          // Dz titlecase and uppercase
    [InlineData("\u03C2", "\u03A3", true)]          // final sigma and capital sigma
    [InlineData("\U00010428", "\U00010400", true)]  // Deseret, outside the BMP
    [InlineData("\u017F", "s", false)]
    [InlineData("\u0131", "i", false)]
    [InlineData("\u00DF", "SS", false)]
    [InlineData("\u212A", "K", false)]
    [InlineData("caf\u00E9", "cafe\u0301", false)]
    public void Relative_names_and_whole_paths_are_folded_alike(string x, string y, bool oneName)
    {
        Put("fold", x + ".dcm");
        Put("fold", y + ".dcm");
        foreach (var options in new[]
                 {
                     _f.Options(_f.P("fold")) with { IgnoreCase = true },
                     _f.Options(_f.P("fold")) with { IgnoreCase = true, ReportPath = Path.Combine(_f.Out, "report.jsonl") },
                 })
        {
            if (oneName)
            {
                Assert.Contains("differ only in case", Refused(options));
            }
            else
            {
                Assert.Equal(2, BatchRunner.Run(options).Total);
                Directory.Delete(_f.Out, recursive: true);
            }
        }
    }

    [Fact]
    public void Inputs_from_two_folders_apart_only_by_case_are_refused_with_the_full_path_layout_offered()
    {
        var a = Put("p", "Scan.dcm");
        var b = Put("q", "scan.dcm");
        var message = Refused(_f.Options(a, b) with { IgnoreCase = true });
        Assert.Contains("--layout full-path", message);
        Assert.Equal(2, BatchRunner.Run(_f.Options(a, b) with { IgnoreCase = true, Layout = OutputLayout.FullPath }).Total);
    }

    [Fact]
    public void IgnoresCase_is_false_on_a_case_sensitive_file_system_and_the_probe_leaves_nothing()
    {
        var empty = _f.P("empty");
        Directory.CreateDirectory(empty);
        Assert.False(OutputNames.IgnoresCase([empty]));                       // no names: a probe file made and removed
        Assert.Empty(Directory.GetFileSystemEntries(empty));
        Put("named", "Mixed.dcm");
        Assert.False(OutputNames.IgnoresCase([_f.P("named", "not-yet", "out")]));   // judged by an existing name in the nearest parent
        Assert.False(OutputNames.IgnoresCase([_f.P("named")]));
    }

    [Fact]
    public void An_input_file_and_an_input_folder_of_the_same_name_are_refused()
    {
        // Several inputs keep their own names: the file "ct" and the folder "ct" would need OUT/ct as a file and a folder.
        var file = Put("p", "ct");
        var message = Refused(_f.Options(file, Path.Combine(_f.In, "ct")));
        Assert.Contains(file, message);
        Assert.Contains("one a file and the other a folder", message);
        Assert.Contains("--layout full-path", message);
    }

    [Fact]
    public void An_input_written_onto_the_report_inside_the_output_folder_is_refused()
    {
        var a = Put("rep", "report.jsonl");
        var message = Refused(_f.Options(_f.P("rep")) with { ReportPath = Path.Combine(_f.Out, "report.jsonl") });
        Assert.Contains(a, message);
        Assert.Contains("which is the report", message);
        Assert.Contains("--report", message);
    }

    [Fact]
    public void A_sidecar_clash_is_found_too_when_the_report_lies_in_the_output_folder()
    {
        // The report inside OUT makes the check compare whole paths (the other way than by relative name).
        Put("side2", "x.dcm");
        Put("side2", "x.dcm.json");
        var message = Refused(_f.Options(_f.P("side2")) with { ReportPath = Path.Combine(_f.Out, "r.jsonl") });
        Assert.Contains("the quarantine sidecar", message);
    }

    [Fact]
    public void A_preview_named_as_a_folder_another_input_needs_is_refused_with_previews_on()
    {
        // a's preview is PREVIEWS/a.compare.png; the input a.compare.png/x.dcm needs PREVIEWS/a.compare.png as a folder.
        Put("prev", "a");
        Put("prev", "a.compare.png", "x.dcm");
        var message = Refused(_f.Options(_f.P("prev")) with { Previews = true });
        Assert.Contains("the preview", message);
        Assert.Contains("one a file and the other a folder", message);
        Assert.Equal(2, BatchRunner.Run(_f.Options(_f.P("prev"))).Total);           // without previews nothing clashes
    }

    [Fact]
    public void Distinct_names_in_every_place_pass_the_check()
    {
        // x.dcm and x.dcm.jsonl (not x.dcm.json), x (sidecar x.json) and x.dcm: no path is shared, nothing is refused.
        Put("ok", "x.dcm");
        Put("ok", "x.dcm.jsonl");
        Put("ok", "x");
        var summary = BatchRunner.Run(_f.Options(_f.P("ok")));
        Assert.Equal(3, summary.Total);
    }

    [Fact]
    public void Targets_that_are_one_folder_are_compared_path_by_path_even_when_given_as_one_string()
    {
        // x.dcm's preview is FOLDER/x.dcm.compare.png, the output of the input x.dcm.compare.png when the previews go to
        // the output folder: only a whole-path comparison sees it, which the check must choose for targets not apart.
        InputFile[] inputs = [new("/in/x.dcm", "x.dcm"), new("/in/x.dcm.compare.png", "x.dcm.compare.png")];
        var folder = _f.P("same");
        foreach (var previews in new[] { folder, new string(folder.AsSpan()) })   // the very string, and an equal one
        {
            var ex = Assert.Throws<BatchSetupException>(() => OutputNames.Check(inputs, OutputLayout.Mirror,
                new OutputTargets(folder, _f.P("q"), previews, []), ignoreCase: false));
            Assert.Contains("the preview", ex.Message);
        }
    }
}
