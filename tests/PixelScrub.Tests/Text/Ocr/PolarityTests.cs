using System.Text.RegularExpressions;
using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Tests.Support;
using PixelScrub.Text;
using PixelScrub.Text.Ocr;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text.Ocr;

/// <summary>
/// The first read of a usual-contrast line whose prepared image is mostly background (<see cref="TextScanner.PolarityKnownBelow"/>,
/// after a mostly dark one was prepared in the other polarity) leaves out Tesseract's inverted try. On the real ultrasounds (the first frame of each), that try would change nothing
/// that matters in those lines: the inverted image of each reads with a lower mean confidence than the upright one (so
/// Tesseract would have kept the upright reading), or shows none of the file's PHI and no date, time or run of digits.
/// And the rule does apply there (most lines are upright text on a dark band).
/// </summary>
public sealed partial class PolarityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void The_inverted_try_left_out_finds_no_phi_on_the_real_ultrasounds()
    {
        using var folder = new TempFolder("polarity");
        UltrasoundText.CopyTo(folder);
        using var engine = TesseractEngine.Create();
        var decoder = new CodecFrameDecoder(FrameCodecRegistry.CreateDefault(null));
        int candidates = 0, upright = 0;
        foreach (var (name, phi) in UltrasoundText.Files)
        {
            using var file = DicomFile.Open(Path.Combine(folder, name), DicomReadOptions.Header);
            file.ReadRemainder();
            var image = DicomImage.FromFile(file);
            var grey = GreyImage.From(image.Render(0, decoder: decoder));
            foreach (var proposed in TextProposer.Propose(grey).Where(c => !c.OverImage))
            {
                candidates++;
                // The line image the scanner reads first (a mostly dark one in the other polarity), and whether it tries it inverted.
                var first = TextScanner.PrepareFirst(grey, proposed, TextSource.Pixels);
                if (TextScanner.TryInverted(first.Candidate, first.Ink)) continue;
                var line = first.Crop.Image;
                upright++;
                var inverted = new OcrImage(line.Width, line.Height, line.Pixels.Select(v => (byte)(255 - v)).ToArray());
                var up = engine.Read(line, tryInverted: false);
                var down = engine.Read(inverted, tryInverted: false);
                string text = string.Join(' ', down.Select(w => w.Text));
                output.WriteLine($"{name}: upright \"{string.Join(' ', up.Select(w => w.Text))}\" {Mean(up):0}, inverted \"{text}\" {Mean(down):0}");
                if (Mean(up) >= Mean(down)) continue;
                foreach (var p in phi) Assert.DoesNotContain(p, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotMatch(DigitsOrDate(), text);
            }
        }

        output.WriteLine($"{upright} of {candidates} usual-contrast candidate lines read upright only");
        // Lines must have been compared at all: with none proposed, or none read upright only, every check above is skipped.
        Assert.True(upright > 0 && upright >= candidates / 2, $"only {upright} of {candidates} lines are read upright only");
    }

    private static float Mean(List<OcrWord> words) => words.Count == 0 ? 0 : words.Average(w => w.Confidence);

    [GeneratedRegex(@"\d{4}|\d{1,2}[/.:-]\d{1,2}")]
    private static partial Regex DigitsOrDate();
}
