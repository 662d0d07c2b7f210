using PixelScrub.Dicom;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Text;

namespace PixelScrub.Tests.Text;

/// <summary>
/// Issue 11, done means 2: the real ultrasounds cleaned with `--text redact` and no rules at all. The `tesseract` command,
/// on DCMTK's rendering of each output (raw, doubled, binarized), no longer reads the name, ID, dates and institution it
/// reads from the input; the ultrasound region (Sequence of Ultrasound Regions) is at least 90% unchanged.
/// </summary>
public sealed class UltrasoundRedactTests : IClassFixture<UltrasoundRedactTests.Run>
{
    public sealed class Run : IDisposable
    {
        public Run()
        {
            Root = Path.Combine(Path.GetTempPath(), "pixelscrub-us-redact-" + Guid.NewGuid().ToString("N"));
            Input = UltrasoundText.CopyTo(Path.Combine(Root, "in"));
            Summary = BatchRunner.Run(new BatchOptions
            {
                Inputs = [Input],
                OutputDirectory = Path.Combine(Root, "out"),
                Rules = RuleSet.Parse("FORMAT dicom\n", "no-rules"),
                Text = new TextOptions { Mode = TextMode.Redact },
                Jobs = 2,
            });
            Rows = File.ReadAllLines(Summary.ReportPath).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        }

        public string Root { get; }
        public string Input { get; }
        public BatchSummary Summary { get; }
        public List<System.Text.Json.JsonElement> Rows { get; }

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { }
        }
    }

    private readonly Run _run;

    public UltrasoundRedactTests(Run run) => _run = run;

    public static TheoryData<string> Names() => new(UltrasoundText.Files.Select(f => f.File));

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_file_is_cleaned_by_what_OCR_found(string name)
    {
        var row = _run.Rows.Single(r => r.GetProperty("input").GetString()!.EndsWith(name, StringComparison.Ordinal));
        Assert.Equal("cleaned", row.GetProperty("status").GetString());
        Assert.Contains(row.GetProperty("text").EnumerateArray(), t => t.GetProperty("verdict").GetString() == "phi");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Tesseract_no_longer_reads_the_patient_text(string name)
    {
        var phi = UltrasoundText.Files.Single(f => f.File == name).Phi;
        string work = Path.Combine(_run.Root, "render");
        string before = TesseractCommand.Squeeze(TesseractCommand.ReadAllVariants(TesseractCommand.Render(Path.Combine(_run.Input, name), Path.Combine(work, "in"))));
        string after = TesseractCommand.Squeeze(TesseractCommand.ReadAllVariants(TesseractCommand.Render(Path.Combine(_run.Root, "out", name), Path.Combine(work, "out"))));
        foreach (var s in phi)
        {
            Assert.True(before.Contains(s, StringComparison.Ordinal), $"tesseract reads {s} in the input {name} (the test would prove nothing otherwise): {before}");
            Assert.False(after.Contains(s, StringComparison.Ordinal), $"tesseract still reads {s} in the cleaned {name}: {after}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_ultrasound_region_is_mostly_unchanged(string name)
    {
        using var file = DicomFile.Open(Path.Combine(_run.Input, name));
        var region = file.Dataset.GetItems(new DicomTag(0x0018, 0x6011))![0];
        int x0 = (int)region.GetInteger(new DicomTag(0x0018, 0x6018))!, y0 = (int)region.GetInteger(new DicomTag(0x0018, 0x601A))!;
        int x1 = (int)region.GetInteger(new DicomTag(0x0018, 0x601C))!, y1 = (int)region.GetInteger(new DicomTag(0x0018, 0x601E))!;
        string work = Path.Combine(_run.Root, "region");
        var before = Pnm.Parse(File.ReadAllBytes(TesseractCommand.Render(Path.Combine(_run.Input, name), Path.Combine(work, "in"))));
        var after = Pnm.Parse(File.ReadAllBytes(TesseractCommand.Render(Path.Combine(_run.Root, "out", name), Path.Combine(work, "out"))));
        long same = 0, total = 0;
        for (int y = y0; y <= Math.Min(y1, before.Height - 1); y++)
        for (int x = x0; x <= Math.Min(x1, before.Width - 1); x++)
        {
            total++;
            if (before.Grey(x, y) == after.Grey(x, y)) same++;
        }

        Assert.True(same >= 0.9 * total, $"{name}: {same} of {total} pixels of the ultrasound region unchanged");
    }
}
