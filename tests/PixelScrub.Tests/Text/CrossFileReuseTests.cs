using PixelScrub.Dicom;
using PixelScrub.Tests.Support;
using PixelScrub.Text;
using PixelScrub.Text.Ocr;

namespace PixelScrub.Tests.Text;

/// <summary>
/// The files of one run share OCR readings (<see cref="TextService.Cache"/>): a line image any file had is not read
/// again, and the findings are those each file gets read alone, judged against its own header.
/// </summary>
public sealed class CrossFileReuseTests
{
    [Fact]
    public void A_second_file_with_the_same_pixels_reads_nothing_and_is_judged_against_its_own_header()
    {
        string folder = SharedFiles.Corpus("deid-data/ultrasounds");
        using var greyscale = DicomFile.Open(Path.Combine(folder, "GREYSCALE_IMAGE.dcm"), DicomReadOptions.Header);
        using var rgb = DicomFile.Open(Path.Combine(folder, "RGB_IMAGE.dcm"), DicomReadOptions.Header);
        // The same image under another patient's header: the lines that named this patient must not stay PHI by name.
        var other = greyscale.Dataset.Copy();
        other.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "OTHER^PERSON");
        other.SetString(new DicomTag(0x0010, 0x0030), DicomVR.DA, "19800101");
        other.SetString(new DicomTag(0x0008, 0x0080), DicomVR.LO, "ELSEWHERE");
        var runs = new (DicomFile File, DicomDataset Header)[] { (greyscale, greyscale.Dataset), (greyscale, other), (rgb, rgb.Dataset) };

        using var text = new TextService(PhiJudge.Default, worker: null);
        var alone = runs.Select(r => text.Read(r.File, r.Header, new OcrCache())).ToList();
        Assert.Equal(0, text.Cache.Count);
        var shared = runs.Select(r => text.Read(r.File, r.Header)).ToList();

        for (int i = 0; i < runs.Length; i++)
        {
            Assert.Equal(alone[i].Findings.Select(TextFindingRow.From), shared[i].Findings.Select(TextFindingRow.From));
        }

        Assert.True(alone[0].Scan.RegionsRead > 20, $"GREYSCALE_IMAGE read {alone[0].Scan.RegionsRead} lines");
        Assert.Equal(alone[0].Scan.RegionsRead, shared[0].Scan.RegionsRead);
        Assert.Equal(0, shared[1].Scan.RegionsRead);
        Assert.True(shared[1].Scan.RegionsReused >= alone[1].Scan.RegionsRead + alone[1].Scan.RegionsReused);
        Assert.True(text.Cache.Count >= alone[0].Scan.RegionsRead + alone[2].Scan.RegionsRead);

        // Verdicts are not reused: the name line is PHI by the patient's name under its own header, not under the other.
        var name = shared[0].Findings.Single(f => f.Line.Text.Contains("PATIENTFI", StringComparison.Ordinal) && f.Verdict.Match == "PatientName");
        var elsewhere = shared[1].Findings.Single(f => f.Line.Text == name.Line.Text && f.Box == name.Box);
        Assert.NotEqual("PatientName", elsewhere.Verdict.Match);
        Assert.Contains(shared[0].Findings, f => f.Verdict.Match is "PatientBirthDate");
        Assert.DoesNotContain(shared[1].Findings, f => f.Verdict.Match is "PatientBirthDate" or "InstitutionName");
    }

    /// <summary>
    /// A second pass over the same pixels (verification of lines redaction left as they were, an exam's shared band)
    /// prepares no line image again: every candidate takes its earlier preparation from the run's cache, and reads nothing.
    /// </summary>
    [Fact]
    public void A_second_pass_over_the_same_pixels_takes_every_line_prepared()
    {
        using var file = DicomFile.Open(SharedFiles.Corpus("deid-data/ultrasounds/RGB_IMAGE.dcm"), DicomReadOptions.Header);
        using var text = new TextService(PhiJudge.Default, worker: null);
        var first = text.Read(file, file.Dataset);
        int prepared = text.Cache.PreparedCount, hits = text.Cache.PreparedHits;
        Assert.True(prepared > 20, $"RGB_IMAGE prepared {prepared} line images");
        var second = text.Read(file, file.Dataset);
        Assert.True(text.Cache.PreparedHits - hits >= prepared, $"{text.Cache.PreparedHits - hits} of {prepared} preparations taken");
        Assert.Equal(prepared, text.Cache.PreparedCount);
        Assert.Equal(0, second.Scan.RegionsRead);
        Assert.Equal(first.Findings.Select(TextFindingRow.From), second.Findings.Select(TextFindingRow.From));
    }
}
