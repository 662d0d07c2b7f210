using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Sources;

namespace PixelScrub.Tests.Pipeline.Sources;

/// <summary>Walking inputs safely: regular files only, links to folders not followed by default, loops end, odd names per file.</summary>
public sealed class InputWalkTests : IDisposable
{
    private readonly BatchFolder _f = new();

    public void Dispose() => _f.Dispose();

    private static List<InputFile> Walk(bool follow, params string[] inputs) => new InputWalk(OutputLayout.Mirror, follow, []).Walk(inputs).ToList();

    /// <summary>Runs a batch on another thread and fails (rather than hanging the suite) if it does not end in time.</summary>
    private static BatchSummary RunWithin(BatchOptions options, int seconds = 60)
    {
        var task = Task.Run(() => BatchRunner.Run(options));
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), $"the batch did not finish within {seconds} s: it hangs");
        return task.Result;
    }

    private static List<JsonElement> Rows(string report) =>
        File.ReadLines(report).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void Symlink_loops_end_and_every_folder_is_walked_once()
    {
        int files = Walk(false, _f.In).Count(f => f.NotRead is null);
        Directory.CreateSymbolicLink(Path.Combine(_f.In, "ct", "loop"), _f.In);
        Directory.CreateSymbolicLink(Path.Combine(_f.In, "us", "loop2"), Path.Combine(_f.In, "ct"));

        var plain = Walk(false, _f.In);
        Assert.Equal(files, plain.Count(f => f.NotRead is null));
        Assert.Equal(2, plain.Count(f => f.NotRead?.Contains("not followed (--follow-links") == true));

        var followed = Walk(true, _f.In);
        Assert.Equal(files, followed.Count(f => f.NotRead is null));
        Assert.Equal(2, followed.Count(f => f.NotRead?.Contains("already walked") == true));

        var summary = RunWithin(_f.Options() with { FollowLinks = true });
        Assert.Equal(files, summary.Passed + summary.Cleaned + summary.Quarantined);
        Assert.Equal(2, summary.Ignored);
    }

    [Fact]
    public void A_symlink_to_a_folder_outside_is_followed_only_with_follow_links()
    {
        var outside = _f.P("outside");
        Directory.CreateDirectory(outside);
        File.Copy(Path.Combine(_f.In, "ct", "axial-0001.dcm"), Path.Combine(outside, "x.dcm"));
        Directory.CreateSymbolicLink(Path.Combine(_f.In, "linked"), outside);
        Assert.DoesNotContain(Walk(false, _f.In), f => f.RelativePath == "linked/x.dcm" && f.NotRead is null);
        Assert.Contains(Walk(true, _f.In), f => f.RelativePath == "linked/x.dcm" && f.NotRead is null);
    }

    [Fact]
    public void A_symlink_to_a_file_is_read_as_that_file_and_a_broken_link_gets_a_row()
    {
        File.CreateSymbolicLink(Path.Combine(_f.In, "alias.dcm"), Path.Combine(_f.In, "ct", "axial-0001.dcm"));
        File.CreateSymbolicLink(Path.Combine(_f.In, "broken.dcm"), Path.Combine(_f.In, "nowhere.dcm"));
        var walk = Walk(false, _f.In);
        Assert.Single(walk, f => f.RelativePath == "alias.dcm" && f.NotRead is null);
        Assert.Contains("cannot be reached", Assert.Single(walk, f => f.RelativePath == "broken.dcm").NotRead);

        RunWithin(_f.Options());
        Assert.Equal(File.ReadAllBytes(Path.Combine(_f.In, "ct", "axial-0001.dcm")), File.ReadAllBytes(Path.Combine(_f.Out, "alias.dcm")));
        Assert.Null(new FileInfo(Path.Combine(_f.Out, "alias.dcm")).LinkTarget);
    }

    [Fact]
    public void A_fifo_among_the_inputs_and_dev_zero_as_input_do_not_hang_and_get_a_row()
    {
        var fifo = Path.Combine(_f.In, "ct", "pipe.dcm");
        using (var mk = Process.Start("mkfifo", [fifo])) mk.WaitForExit();
        Assert.True(File.Exists(fifo), "mkfifo (coreutils) did not make the FIFO");

        var summary = RunWithin(_f.Options(_f.In, "/dev/zero"));
        Assert.Equal(2, summary.Ignored);
        var rows = Rows(_f.Out + ".report.jsonl");
        Assert.Contains("a FIFO", rows.Single(r => r.GetProperty("input").GetString() == fifo).GetProperty("reason").GetString());
        var zero = rows.Single(r => r.GetProperty("input").GetString() == "/dev/zero");
        Assert.Equal("ignored", zero.GetProperty("status").GetString());
        Assert.Contains("character device", zero.GetProperty("reason").GetString());
        Assert.False(File.Exists(Path.Combine(_f.Out, "in", "ct", "pipe.dcm")));
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_reported_escaped_and_quarantined_and_the_batch_goes_on()
    {
        // .NET cannot make such a name; the shell's printf writes the raw byte 0xFF into it.
        var dir = Path.Combine(_f.In, "ct");
        var psi = new ProcessStartInfo("sh") { WorkingDirectory = dir, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("cp axial-0001.dcm \"$(printf 'bad\\377name.dcm')\"");
        using (var p = Process.Start(psi)!) p.WaitForExit();

        var walk = Walk(false, _f.In);
        var odd = Assert.Single(walk, f => f.RelativePath == "ct/bad\\xffname.dcm");
        Assert.NotNull(odd.RawPath);
        Assert.Equal(Encoding.UTF8.GetBytes(dir + "/bad").Concat(new byte[] { 0xFF }).Concat("name.dcm"u8.ToArray()), odd.RawPath);

        var summary = RunWithin(_f.Options());
        Assert.Equal(1, summary.Failed);
        Assert.True(summary.Passed + summary.Cleaned > 0, "the batch stopped at the odd name");
        var row = Rows(_f.Out + ".report.jsonl").Single(r => r.GetProperty("input").GetString()!.EndsWith("bad\\xffname.dcm", StringComparison.Ordinal));
        Assert.Equal("failed", row.GetProperty("status").GetString());
        Assert.Contains("not valid UTF-8", row.GetProperty("reason").GetString());
        var quarantined = row.GetProperty("output").GetString()!;
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "axial-0001.dcm")), File.ReadAllBytes(quarantined));
        Assert.True(File.Exists(quarantined + ".json"), "no sidecar beside the quarantined copy");
    }

    [Fact]
    public void Escaping_shows_each_bad_byte_and_keeps_valid_text()
    {
        Assert.True(InputWalk.TryDecode("café.dcm"u8, out var ok));
        Assert.Equal("café.dcm", ok);
        Assert.False(InputWalk.TryDecode([0x61, 0xC3, 0x28, 0xFF, 0x62], out var shown));
        Assert.Equal("a\\xc3(\\xffb", shown);
    }
}
