using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Imaging;
using PixelScrub.Masks;
using PixelScrub.Rules;

namespace PixelScrub.Pipeline;

/// <summary>
/// Writes what a person looks at to sign off: the original and cleaned renderings of a file and the comparison with the
/// clean regions outlined in red, keep regions in green and the rule label above (and the cleaned animation for
/// multi-frame images). Rendering never changes what `clean` writes.
/// </summary>
internal static class PreviewWriter
{
    /// <summary>
    /// Detects and cleans <paramref name="path"/> in memory (nothing is written but the previews) and writes its preview set.
    /// </summary>
    public static IReadOnlyList<string> ForFile(string path, string folder, RuleSet rules, DecisionPolicy policy, CleanOptions options,
        string frameOption, double scale)
    {
        var original = DicomFile.Open(path);
        var detection = rules.Detect(original, policy);
        DicomFile cleaned = original;
        if (detection.Decision == Decision.Clean)
        {
            using var copy = DicomFile.Open(path);
            DicomCleaner.CleanPixelData(copy, detection.BuildMask(), options);
            using var ms = new MemoryStream();
            DicomWriter.Write(copy, ms);
            ms.Position = 0;
            cleaned = DicomFile.Read(ms);
        }

        return Write(original, cleaned, detection, folder, Path.GetFileNameWithoutExtension(path), frameOption, scale);
    }

    /// <summary>Writes the preview set of an original and its cleaned version (the same file when nothing was cleaned).</summary>
    public static IReadOnlyList<string> Write(DicomFile original, DicomFile cleaned, Detection detection, string folder, string name,
        string frameOption, double scale)
    {
        var before = DicomImage.FromFile(original);
        var after = DicomImage.FromFile(cleaned);
        var (clean, keep) = Regions(detection, before.Layout.Columns, before.Layout.Rows);
        Directory.CreateDirectory(folder);
        return Previews.WriteSet(folder, name, before, after, clean, keep, Label(detection), frameOption, scale,
            Decoder());
    }

    /// <summary>Writes only the comparison of the middle frame (what `clean --previews` leaves beside the report).</summary>
    public static string WriteCompare(DicomFile original, DicomFile cleaned, Detection detection, string path)
    {
        var before = DicomImage.FromFile(original);
        var after = DicomImage.FromFile(cleaned);
        var (clean, keep) = Regions(detection, before.Layout.Columns, before.Layout.Rows);
        var decoder = Decoder();
        int frame = before.FrameCount / 2;
        var a = before.Render(frame, decoder: decoder);
        var b = after.Render(frame, decoder: decoder);
        var label = Label(detection) + (before.FrameCount > 1 ? $"\nframe {frame + 1} of {before.FrameCount}" : "");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Previews.SaveCompare(path, a, b, clean, keep, label);
        return path;
    }

    private static (List<Region> Clean, List<Region> Keep) Regions(Detection detection, int columns, int rows)
    {
        var clean = new List<Region>();
        var keep = new List<Region>();
        foreach (var op in detection.Operations)
        {
            var r = op.All ? new Region(0, 0, columns, rows) : op.Region.ClipTo(columns, rows);
            (op.Value == MaskValue.Keep ? keep : clean).Add(r);
        }

        return (clean, keep);
    }

    /// <summary>The text written above a comparison: decision, rule label and group.</summary>
    public static string Label(Detection d)
    {
        var first = d.Matches.FirstOrDefault(m => m.Operations.Count > 0) ?? d.Matches.FirstOrDefault();
        var decision = DetectionJson.DecisionName(d.Decision).ToUpperInvariant();
        return first is null ? $"{decision}: no rule matched" : $"{decision}: {first.Label} ({first.Group})";
    }

    private static CodecFrameDecoder Decoder() => new(Codecs.FrameCodecRegistry.CreateDefault(null));
}
