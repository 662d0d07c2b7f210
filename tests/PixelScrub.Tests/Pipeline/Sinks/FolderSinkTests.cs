using System.Text.Json;
using PixelScrub.Pipeline;

namespace PixelScrub.Tests.Pipeline.Sinks;

/// <summary>A passed file whose rest is not readable as DICOM gets a note, found while it was copied.</summary>
public sealed class FolderSinkTests : IDisposable
{
    private readonly BatchFolder _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_passed_file_cut_short_in_its_pixel_data_is_noted_and_an_intact_one_is_not()
    {
        var intact = Path.Combine(_f.In, "ct", "axial-0001.dcm");
        var cut = Path.Combine(_f.In, "ct", "axial-0002.dcm");
        var bytes = File.ReadAllBytes(intact);
        File.WriteAllBytes(cut, bytes[..^1000]);
        BatchRunner.Run(_f.Options(intact, cut) with { Layout = OutputLayout.FullPath });

        var rows = File.ReadLines(_f.Out + ".report.jsonl").Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var cutRow = rows.Single(r => r.GetProperty("input").GetString() == cut);
        Assert.Equal("passed", cutRow.GetProperty("status").GetString());
        var note = Assert.Single(cutRow.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("not readable as DICOM")).GetString();
        Assert.Contains("(7FE0,0010)", note);
        Assert.Contains("1000 bytes past the end", note);
        var intactRow = rows.Single(r => r.GetProperty("input").GetString() == intact);
        Assert.DoesNotContain(intactRow.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("not readable"));
    }
}
