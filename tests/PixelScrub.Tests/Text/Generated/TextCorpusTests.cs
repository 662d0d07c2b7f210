using System.Text;
using System.Text.Json;
using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Text;
using Xunit.Abstractions;

namespace PixelScrub.Tests.Text.Generated;

/// <summary>
/// Issue 11, done means 1: `clean --text redact` with no rules on the generated corpus (<see cref="TextCorpus"/>), measured
/// against what was drawn, pixel by pixel (the output's decoded samples against the input's):
/// every PHI line removed (in every slice of its value as wide as the line is high, at least 90% of the ink changed: no
/// character is left whole; a label such as "DOB:" before the value may stay); at least 90% of the allowed annotations kept (at least 90% of their ink unchanged); at
/// least 98% of the pixels away from text (outside every drawn line's box padded by 12 px: the 3 px redaction padding
/// plus a JPEG block) unchanged; at most 1 file in 10 held for review, and a held file has no output. The one rule
/// flags (without regions) only a scanned-letter-like page of made-up words added beside the corpus: its text cannot be
/// judged, so it must be held, with no output (the held path is taken every run, not only when the corpus has a miss).
/// </summary>
public sealed class TextCorpusTests(ITestOutputHelper output)
{
    private const int Singles = 16, Cines = 2, Pad = 12;

    private static readonly CodecFrameDecoder Decoder = new(FrameCodecRegistry.CreateDefault(null));

    [Fact]
    public void Redact_removes_every_PHI_line_and_keeps_the_rest()
    {
        using (var text = new TextService(PhiJudge.Default, worker: null))
        {
            Assert.True(text.EngineMissing is null, $"Tesseract is needed (Debian packages libtesseract5 tesseract-ocr-eng): {text.EngineMissing}");
        }

        string root = Directory.CreateTempSubdirectory("pixelscrub-text-corpus").FullName;
        try
        {
            string input = Path.Combine(root, "in"), outFolder = Path.Combine(root, "out");
            // TEXTSEED=N draws another corpus (BENCHMARKS §12 has the counts of seeds 11-14); CI draws seed 11.
            int seed = int.TryParse(Environment.GetEnvironmentVariable("TEXTSEED"), out int s) ? s : 11;
            var corpus = TextCorpus.Write(input, Singles, Cines, seed);
            var letter = TextCorpus.WriteLetter(input, "letter.dcm", seed: 11);
            var summary = BatchRunner.Run(new BatchOptions
            {
                Inputs = [input],
                OutputDirectory = outFolder,
                Rules = RuleSet.Parse("FORMAT dicom\n%filter graylist\nLABEL generated letter\n  contains Manufacturer GENERATED LETTER\n", "letter-only"),
                Text = new TextOptions { Mode = TextMode.Redact },
                Jobs = 2,
            });
            var rows = File.ReadAllLines(summary.ReportPath).Select(l => JsonDocument.Parse(l).RootElement)
                .ToDictionary(r => Path.GetFileName(r.GetProperty("input").GetString()!), r => r);

            var letterRow = rows[letter.Name];
            string letterWhy = $"{letter.Name}: {letterRow.GetProperty("status").GetString()}: "
                + (letterRow.TryGetProperty("reason", out var reason) ? reason.GetString() : "(no reason)");
            Assert.True(letterWhy.Contains(": quarantined: ", StringComparison.Ordinal) && letterWhy.Contains("held: its text cannot be judged", StringComparison.Ordinal), letterWhy);
            Assert.False(File.Exists(Path.Combine(outFolder, letter.Name)), $"{letter.Name} was held but has an output");

            var log = new StringBuilder();
            int held = 0, phiLines = 0, phiLeft = 0, notes = 0, notesKept = 0;
            long away = 0, awaySame = 0;
            foreach (var file in corpus)
            {
                string status = rows[file.Name].GetProperty("status").GetString()!;
                if (status != "cleaned" && status != "passed")
                {
                    held++;
                    log.AppendLine($"{file.Name} ({file.Kind}): {status}");
                    Assert.False(File.Exists(Path.Combine(outFolder, file.Name)), $"{file.Name} was held ({status}) but has an output");
                    continue;
                }

                long fileAway = 0, fileSame = 0;
                for (int f = 0; f < file.Frames; f++)
                {
                    var changed = Changed(Path.Combine(input, file.Name), Path.Combine(outFolder, file.Name), f, file.Width * file.Height);
                    var lines = file.Lines.Where(l => l.Frame == f).ToList();
                    foreach (var line in lines)
                    {
                        if (line.Phi)
                        {
                            phiLines++;
                            if (Removed(line, changed, file.Width)) continue;
                            phiLeft++;
                            log.AppendLine($"{file.Name} ({file.Kind}) frame {f}: PHI left: \"{line.Text}\" {line.Face} {line.Size}px at {line.Box}");
                        }
                        else
                        {
                            notes++;
                            int same = line.Ink.Count(i => !changed[i]);
                            if (same >= 0.9 * line.Ink.Length) notesKept++;
                            else log.AppendLine($"{file.Name} ({file.Kind}) frame {f}: annotation lost: \"{line.Text}\" {line.Face} {line.Size}px at {line.Box}");
                        }
                    }

                    var near = new bool[changed.Length];
                    foreach (var l in lines)
                    {
                        var box = new PixelScrub.Masks.Region(l.Box.X0 - Pad, l.Box.Y0 - Pad, l.Box.X1 + Pad, l.Box.Y1 + Pad).ClipTo(file.Width, file.Height);
                        for (int y = box.Y0; y < box.Y1; y++) Array.Fill(near, true, y * file.Width + box.X0, box.Width);
                    }

                    for (int i = 0; i < near.Length; i++)
                    {
                        if (near[i]) continue;
                        fileAway++;
                        if (!changed[i]) fileSame++;
                    }
                }

                away += fileAway;
                awaySame += fileSame;
                if (fileSame < 0.98 * fileAway) log.AppendLine($"{file.Name} ({file.Kind}): {100.0 * fileSame / fileAway:0.0}% of the pixels away from text unchanged");
            }

            string result = $"{corpus.Count} files ({Singles} single frames, {Cines} cines): held {held}; PHI lines left {phiLeft} of {phiLines}; "
                + $"annotations kept {notesKept} of {notes} ({100.0 * notesKept / Math.Max(1, notes):0.0}%); "
                + $"pixels away from text unchanged {100.0 * awaySame / Math.Max(1, away):0.00}%; {summary.Elapsed.TotalSeconds:0.0} s\n{log}";
            output.WriteLine(result);
            Assert.True(phiLeft == 0, result);
            Assert.True(notesKept >= 0.9 * notes, result);
            Assert.True(awaySame >= 0.98 * away, result);
            Assert.True(held * 10 <= corpus.Count, result);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("KEEPDIR") is null) Directory.Delete(root, true);
        }
    }

    /// <summary>
    /// A PHI line is removed when no part of its value stays readable: in every slice of the value (the line after a
    /// label such as "DOB:") as wide as the line is high, at least 90% of the ink pixels changed.
    /// </summary>
    private static bool Removed(DrawnLine line, bool[] changed, int width)
    {
        int slice = Math.Max(4, line.Box.Height);
        foreach (var group in line.Ink.Where(i => i % width >= line.ValueX0).GroupBy(i => (i % width - line.ValueX0) / slice))
        {
            int total = group.Count(), gone = group.Count(i => changed[i]);
            if (total >= 3 && gone < 0.9 * total) return false;
        }

        return true;
    }

    /// <summary>Which pixels of a frame differ between input and output, on the stored (or decoded) samples.</summary>
    private static bool[] Changed(string input, string outputPath, int frame, int pixels)
    {
        var a = Samples(input, frame);
        var b = Samples(outputPath, frame);
        Assert.Equal(a.Length, b.Length);
        int perPixel = a.Length / pixels;
        var changed = new bool[pixels];
        for (int i = 0; i < pixels; i++)
        {
            for (int s = 0; s < perPixel; s++)
            {
                if (a[i * perPixel + s] != b[i * perPixel + s]) changed[i] = true;
            }
        }

        return changed;
    }

    private static byte[] Samples(string path, int frame)
    {
        var file = DicomFile.Open(path);
        var image = DicomImage.FromFile(file);
        return image.IsEncapsulated ? Decoder.Decode(image.TransferSyntax, image.EncodedFrame(frame), image.Layout, frame).Data : image.NativeFrame(frame);
    }
}
