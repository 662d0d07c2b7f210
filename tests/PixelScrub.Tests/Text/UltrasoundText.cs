using System.IO.Compression;
using System.Text.RegularExpressions;
using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Tests.Support;
using PixelScrub.Text.Ocr;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text;

/// <summary>
/// The real ultrasounds of the corpus (deid-data: a Philips-style greyscale image, a Siemens RGB image, a 27-frame cine
/// taken out of its zip) and what the `tesseract` command reads from their original pixels: patient name, ID, dates
/// and institution, as printed on each image (the printed ID is not the header's).
/// </summary>
internal static partial class UltrasoundText
{
    /// <summary>What a line that must not be dropped unread can show: a run of four digits, or a date or time.</summary>
    [GeneratedRegex(@"\d{4}|\d{1,2}[/.:-]\d{1,2}")]
    public static partial Regex DigitsOrDate();

    public static readonly (string File, string[] Phi)[] Files =
    [
        ("GREYSCALE_IMAGE.dcm", ["PATIENTFI", "00079241539", "08/29/1951", "03/02/2017", "CLEVELAN"]),
        ("RGB_IMAGE.dcm", ["DOWNTIME", "MARY", "00047431395", "4/14/2020", "120907058", "CLEVELAND"]),
        ("GREYSCALE_CINE.dcm", ["PATIENTFI", "00079241539", "08/29/1951", "03/02/2017", "CLEVELA"]),
    ];

    /// <summary>Copies the three files into a fresh folder (the cine extracted from its zip).</summary>
    public static string CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        string source = SharedFiles.Corpus("deid-data/ultrasounds");
        File.Copy(Path.Combine(source, "GREYSCALE_IMAGE.dcm"), Path.Combine(folder, "GREYSCALE_IMAGE.dcm"));
        File.Copy(Path.Combine(source, "RGB_IMAGE.dcm"), Path.Combine(folder, "RGB_IMAGE.dcm"));
        ZipFile.ExtractToDirectory(Path.Combine(source, "GREYSCALE_CINE.zip"), folder);
        Assert.True(File.Exists(Path.Combine(folder, "GREYSCALE_CINE.dcm")), "the cine zip holds GREYSCALE_CINE.dcm");
        return folder;
    }

    /// <summary>
    /// Proposes the candidate lines of every frame of the three files; <paramref name="dropped"/> gives, per frame, the
    /// candidates a filter drops with the line image to read for each. Tesseract reads those images, and none may show
    /// the file's PHI nor a date, time or run of digits (each reading is written to <paramref name="output"/>).
    /// </summary>
    /// <returns>how many candidates were proposed and how many dropped</returns>
    public static (int Proposed, int Dropped) AssertDroppedHoldNoPhi(Xunit.Abstractions.ITestOutputHelper output,
        Func<GreyImage, List<TextCandidate>, IEnumerable<OcrImage>> dropped)
    {
        string folder = Directory.CreateTempSubdirectory("dropped").FullName;
        try
        {
            CopyTo(folder);
            using var engine = TesseractEngine.Create();
            var decoder = new CodecFrameDecoder(FrameCodecRegistry.CreateDefault(null));
            int proposed = 0, count = 0;
            foreach (var (name, phi) in Files)
            {
                using var file = DicomFile.Open(Path.Combine(folder, name), DicomReadOptions.Header);
                file.ReadRemainder();
                var image = DicomImage.FromFile(file);
                var readings = new HashSet<string>();
                for (int f = 0; f < image.FrameCount; f++)
                {
                    var grey = GreyImage.From(image.Render(f, decoder: decoder));
                    var candidates = TextProposer.Propose(grey);
                    proposed += candidates.Count;
                    foreach (var line in dropped(grey, candidates))
                    {
                        count++;
                        readings.Add(string.Join(' ', engine.Read(line).Select(w => w.Text)));
                    }
                }

                foreach (var text in readings)
                {
                    output.WriteLine($"{name}: dropped, Tesseract reads \"{text}\"");
                    foreach (var p in phi) Assert.DoesNotContain(p, text, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotMatch(DigitsOrDate(), text);
                }
            }

            output.WriteLine($"{count} of {proposed} candidate lines dropped");
            return (proposed, count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
