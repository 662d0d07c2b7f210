using PixelScrub.Dicom;
using PixelScrub.Masks;
using PixelScrub.Rules;

namespace PixelScrub.Text;

/// <summary>
/// Decides which recognised text is PHI: matched against the file's own header (names in the forms scanners print,
/// IDs, dates and times in common formats, institution, address, staff, station), tolerant of OCR errors within an
/// edit budget; plus patterns that need no header (dates, times, long digit runs, labels with a value). What is not
/// PHI is Allowed when every word is on the allow-list (settings, units, markers, numbers), Unknown otherwise.
/// README "What is PHI" documents the rules and the file formats. Thread-safe.
/// </summary>
public sealed class PhiJudge : ITextJudge
{
    private readonly LineAnalyzer _analyzer;
    private readonly TextJudgeOptions _options;

    public PhiJudge(TextJudgeOptions? options = null)
    {
        _options = options ?? new TextJudgeOptions();
        _analyzer = new LineAnalyzer(_options.Allow, _options.Patterns);
    }

    /// <summary>A judge with the built-in lists.</summary>
    public static PhiJudge Default { get; } = new();

    /// <summary>The lists by the SHA-256 of their text (the allow-list, the patterns) and the thresholds (a file judged under other ones is done again).</summary>
    public string Key => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"phi allow={_options.Allow.Sha256} patterns={_options.Patterns.Sha256} min-unknown={_options.MinUnknownWords} max-unknown-share={_options.MaxUnknownShare} " +
        $"unreadable={UnreadableBelow}/{UnreadableChars}/{UnreadableAspect} id-piece={HeaderTerms.IdPieceLength}");

    public IReadOnlyList<TextFinding> Judge(IReadOnlyList<TextLine> lines, DicomDataset header) => JudgeFile(lines, header).Findings;

    /// <summary>Judges every line of a file against its original header (before header de-identification).</summary>
    public TextJudgement JudgeFile(IReadOnlyList<TextLine> lines, DicomDataset header) => JudgeFile(lines, new DicomHeaderValues(header));

    /// <summary>As above, over any header source (tests pass plain dictionaries); null: patterns only.</summary>
    public TextJudgement JudgeFile(IReadOnlyList<TextLine> lines, IHeaderValues? header)
    {
        var terms = header is null ? HeaderTerms.None : HeaderTerms.From(header, _analyzer.Common);
        var analyses = new LineAnalysis[lines.Count];
        int words = 0, unknown = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            analyses[i] = _analyzer.Analyze(lines[i].Text, terms);
            words += analyses[i].Words.Count;
            unknown += analyses[i].UnknownWords;
        }

        var labelled = LabelValues(lines, analyses);
        var findings = new TextFinding[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            findings[i] = labelled[i] is { } why && !analyses[i].IsPhi
                ? new TextFinding(lines[i], TextVerdict.Phi("pattern:label"), why)
                : Finding(lines[i], analyses[i]);
        }

        bool cannot = unknown >= _options.MinUnknownWords && unknown >= _options.MaxUnknownShare * words;
        return new TextJudgement(findings, words, unknown, cannot);
    }

    /// <summary>Label words that announce PHI (compared folded: "D0B" is "DOB").</summary>
    private static readonly HashSet<string> Labels = new(
        new[] { "NAME", "PATIENT", "PAT", "ID", "PID", "DOB", "D.O.B", "MRN", "ACC", "ACCESSION", "BIRTH", "BORN", "SURNAME" }
            .Select(TextFolding.Skeleton), StringComparer.Ordinal);

    /// <summary>
    /// A line that ends with a label and no value ("DOB", "Patient ID:") is PHI, and so is the nearest line to its right on
    /// the same row (OCR often reads a label and its value as two lines): why, per line, or null.
    /// </summary>
    private static string?[] LabelValues(IReadOnlyList<TextLine> lines, LineAnalysis[] analyses)
    {
        var why = new string?[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            var a = analyses[i];
            if (a.Words.Count == 0) continue;
            var (s, e, _, _) = a.Words[^1];
            var label = TextFolding.Skeleton(lines[i].Text[s..e]);
            if (!Labels.Contains(label)) continue;
            why[i] ??= $"label '{lines[i].Text[s..e]}' without a value";
            var box = lines[i].Box;
            int best = -1;
            for (int j = 0; j < lines.Count; j++)
            {
                var other = lines[j];
                if (j == i || other.Frame != lines[i].Frame || other.Source != lines[i].Source || other.OverlayGroup != lines[i].OverlayGroup) continue;
                int overlap = Math.Min(box.Y1, other.Box.Y1) - Math.Max(box.Y0, other.Box.Y0);
                if (overlap * 2 < Math.Min(box.Height, other.Box.Height)) continue;
                if (other.Box.X0 < box.X1 - 2 || other.Box.X0 - box.X1 > 4 * Math.Max(1, box.Height)) continue;
                if (best < 0 || other.Box.X0 < lines[best].Box.X0) best = j;
            }

            if (best >= 0) why[best] ??= $"the value after label '{lines[i].Text[s..e]}'";
        }

        return why;
    }

    /// <summary>The verdict on one piece of text, without boxes (for tests, `scan` of plain text and benchmarks).</summary>
    public TextVerdict JudgeText(string text, IHeaderValues? header) =>
        Verdict(_analyzer.Analyze(text, header is null ? HeaderTerms.None : HeaderTerms.From(header, _analyzer.Common)));

    internal LineAnalyzer Analyzer => _analyzer;

    internal static TextVerdict Verdict(LineAnalysis a)
    {
        if (a.IsPhi) return TextVerdict.Phi(a.Best().Match);
        return a.Kind == TextVerdictKind.Allowed ? TextVerdict.Allowed : TextVerdict.Unknown;
    }

    private static TextFinding Finding(TextLine line, LineAnalysis a)
    {
        var verdict = Verdict(a);
        if (!a.IsPhi)
        {
            string why = a.Kind == TextVerdictKind.Allowed ? "every word on the allow-list" : $"{a.UnknownWords} unknown word(s)";
            if (!IsUnreadable(line, a)) return new TextFinding(line, verdict, why);
            return new TextFinding(line, verdict, $"{why}; unreadable over the image (confidence {line.Confidence:0}): removed with --text redact")
            {
                Unreadable = true,
            };
        }

        var best = a.Best();
        string reason = best.FromHeader
            ? $"matches {best.Match}{(best.Edits > 0 ? $" ({best.Edits} edit{(best.Edits == 1 ? "" : "s")})" : "")}"
            : $"matches {best.Match}";
        return new TextFinding(line, verdict, reason) { Box = PhiBox(line, a) };
    }

    /// <summary>Mean OCR confidence (0..100) below which text over the image counts as unreadable.</summary>
    public const float UnreadableBelow = 50;

    /// <summary>Letters and digits an unreadable line holds at least (shorter: a marker, a scale number, speckle).</summary>
    public const int UnreadableChars = 4;

    /// <summary>Width over height of an unreadable line at least: a row of four or five characters, as long as a value.</summary>
    public const int UnreadableAspect = 3;

    /// <summary>
    /// Text over the image (the proposer found it only at high contrast: drawn to stand out, so most likely text) that OCR
    /// reads with low confidence: a pixel font or dot-matrix digits over speckle come out as junk ("°RGzre", "foarte:"),
    /// which no header term or pattern matches. What it says cannot be judged, so in redact mode it goes (fail closed).
    /// Not: blobs shorter than a value (speckle, markers), and readings whose words are all on the allow-list and name
    /// a setting or unit ("MI 1.2": the annotation was read). Bands and plain backgrounds are read well, and are not affected.
    /// </summary>
    private static bool IsUnreadable(TextLine line, LineAnalysis a) =>
        line.OverImage && line.Source == TextSource.Pixels && line.Confidence < UnreadableBelow
        && line.Box.Width >= UnreadableAspect * line.Box.Height
        && line.Text.Count(char.IsLetterOrDigit) >= UnreadableChars
        && !(a.Kind == TextVerdictKind.Allowed && line.Text.Any(char.IsLetter));

    /// <summary>
    /// What to remove from a PHI line: every word except allow-listed ones outside the PHI spans, so "DOE, JANE" goes and
    /// "C5-1 4.0MHz" on the same line stays. The whole line when its words cannot be placed in its text.
    /// </summary>
    private static Region PhiBox(TextLine line, LineAnalysis a)
    {
        if (line.Words.Count == 0) return line.Box;
        int cursor = 0, first = -1, last = -1;
        int x0 = int.MaxValue, x1 = int.MinValue;
        for (int i = 0; i < line.Words.Count; i++)
        {
            var word = line.Words[i];
            if (word.Text.Length == 0) continue;
            int at = line.Text.IndexOf(word.Text, cursor, StringComparison.Ordinal);
            if (at < 0) return line.Box;
            cursor = at + word.Text.Length;
            if (IsKept(a, at, cursor)) continue;
            if (first < 0) first = i;
            last = i;
            x0 = Math.Min(x0, word.Box.X0);
            x1 = Math.Max(x1, word.Box.X1);
        }

        if (first < 0) return line.Box;
        // Word boxes from OCR can fall short of the ink; the line's box (the proposed region) bounds it. Removed words at
        // the start or end of the line take the line's edge, and every box takes the line's full height.
        if (first == 0) x0 = line.Box.X0;
        if (last == line.Words.Count - 1) x1 = line.Box.X1;
        return new Region(x0, line.Box.Y0, x1, line.Box.Y1);
    }

    /// <summary>A word [start, end) is kept when every analysed word inside it is allowed and none touches PHI.</summary>
    private static bool IsKept(LineAnalysis a, int start, int end)
    {
        foreach (var span in a.Phi)
        {
            if (span.Start < end && start < span.End) return false;
        }

        bool any = false;
        foreach (var w in a.Words)
        {
            if (w.Start >= end || w.End <= start) continue;
            if (!w.Allowed) return false;
            any = true;
        }

        return any;
    }
}
