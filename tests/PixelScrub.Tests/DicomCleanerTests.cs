using PixelScrub.Dicom;
using PixelScrub.Rules;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests;

/// <summary>The library facade in deid's shape: Detect, Clean, SaveDicom, SavePng, SaveAnimation.</summary>
public sealed class DicomCleanerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-facade-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public void Detect_clean_save_like_deid()
    {
        var cleaner = new DicomCleaner(RuleSet.Load(SharedFiles.Rules("deid/deid.dicom")));
        var detection = cleaner.Detect(SharedFiles.Corpus("deid-data/ultrasounds/RGB_IMAGE.dcm"));
        Assert.True(detection.Flagged);
        Assert.Equal(Decision.Clean, detection.Decision);
        Assert.Contains(detection.Operations, o => o.RegionText == "0,0,1024,60");
        var result = cleaner.Clean();
        Assert.Equal(1024 * 60, result.PixelsCleaned);
        var saved = cleaner.SaveDicom(_root);
        Assert.Equal("cleaned-RGB_IMAGE.dcm", Path.GetFileName(saved));
        var back = DicomFile.Open(saved);
        Assert.True(back.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().Span[..(1024 * 60 * 3)].IndexOfAnyExcept((byte)0) < 0);

        var png = cleaner.SavePng(_root);
        var check = ReferenceTool.Run("pngcheck", [png]);
        Assert.True(check.ExitCode == 0, check.StdOut);
        Assert.EndsWith("RGB_IMAGE.cleaned.png", png);
        Assert.True(File.Exists(cleaner.SavePng(_root, PreviewImage.Original)));
    }

    [Fact]
    public void Save_animation_writes_every_frame_of_a_cine()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "cine.dcm");
        Dicom.IO.DicomWriter.WriteFile(DicomFile.Create(DemoSamples.JpegCine(), TransferSyntax.JpegBaseline), path);
        // Rules only: this is about the animation; verification (OCR of the 12 frames) is tested on the facade elsewhere.
        var cleaner = new DicomCleaner { Text = PixelScrub.Text.TextOptions.Off };
        Assert.Equal(Decision.Clean, cleaner.Detect(path).Decision);
        cleaner.Clean();
        var apng = cleaner.SaveAnimation(_root);
        var (code, stdout, _) = ReferenceTool.Run("pngcheck", ["-v", apng]);
        Assert.True(code == 0, stdout);
        Assert.Equal(12, ApngFacts.FrameControlChunks(stdout));
        Assert.Equal(12, ApngFacts.DeclaredFrames(apng));
    }

    [Fact]
    public void Clean_refuses_a_file_that_is_not_to_be_cleaned()
    {
        var cleaner = new DicomCleaner();
        var detection = cleaner.Detect(SharedFiles.Corpus("pydicom/CT_small.dcm"));
        Assert.Equal(Decision.Pass, detection.Decision);
        Assert.Throws<UnsupportedInputException>(() => cleaner.Clean());
    }
}
