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

    public IReadOnlyList<TextFinding> Judge(IReadOnlyList<TextLine> lines, DicomDataset header) => JudgeFile(lines, header).Findings;

    /// <summary>Judges every line of a file against its original header (before header de-identification).</summary>
    public TextJudgement JudgeFile(IReadOnlyList<TextLine> lines, DicomDataset header) => JudgeFile(lines, new DicomHeaderValues(header));

    /// <summary>As above, over any header source (tests pass plain dictionaries); null: patterns only.</summary>
    public TextJudgement JudgeFile(IReadOnlyList<TextLine> lines, IHeaderValues? header)
    {
        var terms = header is null ? HeaderTerms.None : HeaderTerms.From(header, _analyzer.Common);
        var findings = new TextFinding[lines.Count];
        int words = 0, unknown = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            var analysis = _analyzer.Analyze(lines[i].Text, terms);
            words += analysis.Words.Count;
            unknown += analysis.UnknownWords;
            findings[i] = Finding(lines[i], analysis);
        }

        bool cannot = unknown >= _options.MinUnknownWords && unknown >= _options.MaxUnknownShare * words;
        return new TextJudgement(findings, words, unknown, cannot);
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
            return new TextFinding(line, verdict, why);
        }

        var best = a.Best();
        string reason = best.FromHeader
            ? $"matches {best.Match}{(best.Edits > 0 ? $" ({best.Edits} edit{(best.Edits == 1 ? "" : "s")})" : "")}"
            : $"matches {best.Match}";
        return new TextFinding(line, verdict, reason) { Box = PhiBox(line, a) };
    }

    /// <summary>
    /// What to remove from a PHI line: every word except allow-listed ones outside the PHI spans, so "DOE, JANE" goes and
    /// "C5-1 4.0MHz" on the same line stays. The whole line when its words cannot be placed in its text.
    /// </summary>
    private static Region PhiBox(TextLine line, LineAnalysis a)
    {
        if (line.Words.Count == 0) return line.Box;
        int cursor = 0;
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        foreach (var word in line.Words)
        {
            if (word.Text.Length == 0) continue;
            int at = line.Text.IndexOf(word.Text, cursor, StringComparison.Ordinal);
            if (at < 0) return line.Box;
            cursor = at + word.Text.Length;
            if (IsKept(a, at, cursor)) continue;
            x0 = Math.Min(x0, word.Box.X0);
            y0 = Math.Min(y0, word.Box.Y0);
            x1 = Math.Max(x1, word.Box.X1);
            y1 = Math.Max(y1, word.Box.Y1);
        }

        return x0 == int.MaxValue ? line.Box : new Region(x0, y0, x1, y1);
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
