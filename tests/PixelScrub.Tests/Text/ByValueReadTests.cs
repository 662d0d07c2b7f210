using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;
using PixelScrub.Tests.Text.Generated;
using PixelScrub.Tests.Text.Ocr;
using PixelScrub.Text;

namespace PixelScrub.Tests.Text;

/// <summary>
/// The scanner reads a doubtful line over the image by its ink value too, and a PHI reading of it stands: a patient ID
/// drawn mid-grey (149, a green line's luminance) over speckle that reaches 190, which its binarized and smooth crops
/// show with the grain, is found as the patient ID where it is drawn.
/// </summary>
public sealed class ByValueReadTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_mid_grey_id_over_speckle_is_found_where_it_is_drawn(int seed)
    {
        // Black, with a speckled patch (the sector) the line lies over.
        const int w = 640, h = 300, px0 = 120, py0 = 60, pw = 400, ph = 200;
        var patch = Speckle.Pixels(pw, ph, new Random(seed));
        var pixels = new byte[w * h];
        for (int y = 0; y < ph; y++) patch.AsSpan(y * pw, pw).CopyTo(pixels.AsSpan((py0 + y) * w + px0, pw));
        var drawn = TextInk.DrawGrey(pixels, w, "37698043", Face.Sans, 28, 230, 140, 149);
        var ds = SyntheticImage.Header("byvalue/" + seed, "US", "1.2.840.10008.5.1.4.1.1.6.1", new Dictionary<string, string>());
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, "37698043");
        SyntheticImage.SetPixels(ds, h, w, 1, 8, 8, false, "MONOCHROME2", pixels);
        AssertFoundWhereDrawn(DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian), "PatientID", drawn);
    }

    /// <summary>
    /// Writes <paramref name="dicom"/>, reads its text as `clean --text redact` does, and asserts a finding matching the
    /// header field <paramref name="match"/> whose box covers <paramref name="drawn"/> (within 4 px).
    /// </summary>
    internal static void AssertFoundWhereDrawn(DicomFile dicom, string match, Region drawn)
    {
        using var folder = new TempFolder("foundwhere");
        string path = Path.Combine(folder, "line.dcm");
        DicomWriter.WriteFile(dicom, path);

        using var file = DicomFile.Open(path, DicomReadOptions.Header);
        using var text = new TextService(PhiJudge.Default, worker: null);
        var findings = text.Read(file, file.Dataset).Findings;
        var found = findings.Where(f => f.Verdict.Match == match).ToList();
        Assert.True(found.Count > 0, $"no {match} found; read near it: " + string.Join(" | ", findings.Where(f => f.Box.Intersects(drawn)).Select(f => $"{f.Line.Text} {f.Box} {f.Verdict.Kind}")));
        Assert.Contains(found, f => f.Box.X0 <= drawn.X0 + 4 && f.Box.X1 >= drawn.X1 - 4 && f.Box.Y0 <= drawn.Y0 + 4 && f.Box.Y1 >= drawn.Y1 - 4);
    }
}
