namespace PixelScrub;

/// <summary>A rule file that cannot be loaded: carries the file, 1-based line and column.</summary>
public sealed class RuleSyntaxException : PixelScrubException
{
    public RuleSyntaxException(string message, string ruleFile, int line, int column, Exception? inner = null)
        : base($"{ruleFile}:{line}:{column}: {message}", inner)
    {
        RuleFile = ruleFile;
        Line = line;
        Column = column;
        Reason = message;
    }

    public string RuleFile { get; }
    public int Line { get; }
    public int Column { get; }
    public string Reason { get; }
}
