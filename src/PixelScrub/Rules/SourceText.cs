namespace PixelScrub.Rules;

/// <summary>The text of a rule file with its line starts, to turn offsets into 1-based line and column.</summary>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string file, string text)
    {
        File = file;
        Text = text;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }

        _lineStarts = starts.ToArray();
    }

    public string File { get; }
    public string Text { get; }

    /// <summary>The name rules take their file-derived labels from (a CTP filter's label): the file, or for a part of
    /// a <see cref="RuleBundle"/> the name of the file it was shown from.</summary>
    public string OriginalName { get; init; } = "";

    public string LabelSource => OriginalName.Length > 0 ? OriginalName : File;

    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int i = Array.BinarySearch(_lineStarts, offset);
        if (i < 0) i = ~i - 1;
        return (i + 1, offset - _lineStarts[i] + 1);
    }

    public RuleDiagnostic Diagnostic(RuleSeverity severity, int offset, string message)
    {
        var (line, column) = Position(offset);
        return new RuleDiagnostic(severity, File, line, column, message);
    }
}
