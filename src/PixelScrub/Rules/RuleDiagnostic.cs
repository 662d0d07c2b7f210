namespace PixelScrub.Rules;

/// <summary>One finding about a rule file, located by file, 1-based line and column.</summary>
public sealed record RuleDiagnostic(RuleSeverity Severity, string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {Severity.ToString().ToLowerInvariant()}: {Message}";

    public RuleSyntaxException ToException() => new(Message, File, Line, Column) { FilePath = File };
}
