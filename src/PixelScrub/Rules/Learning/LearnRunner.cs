using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline;
using PixelScrub.Text;

namespace PixelScrub.Rules.Learning;

/// <summary>
/// `rules learn` over files: each is read by OCR (every frame) and judged against its own header, the PHI boxes feed a
/// <see cref="RuleLearner"/>, and the recipe is written atomically (temp file + rename). Refuses an output path that is
/// one of the inputs. A file that cannot be read is reported and left out; the recipe holds what the rest showed.
/// </summary>
internal static class LearnRunner
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="output"/> would overwrite an input.</summary>
    public static void CheckOutput(string output, IEnumerable<string> inputs)
    {
        var full = Path.GetFullPath(output);
        if (Directory.Exists(full)) throw new ArgumentException($"--out {output} is a folder; give a file name for the recipe");
        foreach (var input in inputs)
        {
            if (string.Equals(Path.GetFullPath(input), full, StringComparison.Ordinal))
            {
                throw new ArgumentException($"--out {output} is one of the inputs; refusing to overwrite it");
            }
        }
    }

    public static LearnResult Run(IReadOnlyList<string> files, TextService text, RuleLearner learner, string output, int jobs)
    {
        var results = OrderedWork.Map(files, jobs, path => Read(path, text));
        var failed = new List<(string, string)>();
        int read = 0;
        foreach (var (path, signature, findings, error) in results)
        {
            if (error is not null)
            {
                failed.Add((path, error));
                continue;
            }

            learner.Add(signature!, findings!);
            read++;
        }

        var groups = learner.Groups();
        int labels = groups.Count(g => g.Regions.Count > 0);
        if (read > 0)
        {
            string source = files.Count == 1 ? Path.GetFileName(files[0]) : $"{files.Count} input file(s)";
            var recipe = learner.Recipe(source);
            AtomicFile.Write(output, s =>
            {
                using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
                w.Write(recipe);
            });
        }

        return new LearnResult(read, failed, labels, groups.Count - labels);
    }

    private static (string Path, DeviceSignature? Signature, IReadOnlyList<TextFinding>? Findings, string? Error) Read(string path, TextService text)
    {
        try
        {
            using var file = DicomFile.Open(path, DicomReadOptions.Header);
            var signature = DeviceSignature.From(new DicomHeaderValues(file));
            var (_, findings) = text.Read(file, file.Dataset);
            return (path, signature, findings, null);
        }
        catch (DicomFormatException e) when (e.NotDicom)
        {
            return (path, null, null, "not a DICOM file");
        }
        catch (Exception e) when (e is PixelScrubException or IOException or UnauthorizedAccessException)
        {
            return (path, null, null, e.Message);
        }
    }
}
