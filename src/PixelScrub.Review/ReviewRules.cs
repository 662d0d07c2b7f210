using System.Globalization;
using System.Text;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Rules;
using PixelScrub.Rules.Learning;

namespace PixelScrub.Review;

/// <summary>
/// The deid recipe the page writes: one LABEL per decision, naming the device signature's header values as criteria and
/// the drawn rectangles as <c>coordinates</c>, in a <c>%filter graylist</c> section. The new text is parsed before it
/// replaces the file (temp file and rename): a recipe that would not load is never written.
/// </summary>
internal static class ReviewRules
{
    public const string Header = "FORMAT dicom\n\n# Written by `pixelscrub review`: one LABEL per decision, for the device signature of the file reviewed.\n" +
        "# Use it with `pixelscrub clean --rules THIS_FILE` (beside your other rules).\n\n%filter graylist\n";

    /// <summary>Appends a LABEL for <paramref name="signature"/> with <paramref name="regions"/>; returns its label.</summary>
    public static string Append(string path, DeviceSignature signature, IReadOnlyList<Region> regions, string reviewer)
    {
        string existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var sb = new StringBuilder(existing.Length == 0 ? Header : existing);
        if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
        if (existing.Length > 0 && LastSection(existing) != "%filter graylist") sb.Append("\n%filter graylist\n");
        string when = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string label = signature.Label().Replace("learned: ", "reviewed: ", StringComparison.Ordinal);
        sb.Append("\nLABEL ").Append(label).Append(" # by ").Append(Clean(reviewer)).Append(", ").Append(when).Append(" UTC\n");
        foreach (var line in signature.Criteria()) sb.Append("  ").Append(line).Append('\n');
        foreach (var r in regions) sb.Append("  coordinates ").Append(r.ToString()).Append('\n');

        string text = sb.ToString();
        var parsed = RuleSet.Parse(text, path); // throws RuleSyntaxException (file, line, column) before anything is written
        if (!parsed.Files.SelectMany(f => f.Groups).SelectMany(g => g.Rules).Any(r => r.Label == label)) throw new InvalidOperationException($"the rule '{label}' written to {path} does not load back");
        var dir = Path.GetDirectoryName(path);
        if (dir is not null) Directory.CreateDirectory(dir);
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));
        return label;
    }

    /// <summary>The last '%' section line of a recipe ("%filter graylist", "%header"), or "" when there is none.</summary>
    private static string LastSection(string text) =>
        text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('%')) is { } s ? string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries)) : "";

    private static string Clean(string s) => new(s.Select(c => char.IsControl(c) || c == '#' ? ' ' : c).ToArray());
}
