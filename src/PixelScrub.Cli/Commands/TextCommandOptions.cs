using System.CommandLine;
using PixelScrub.Text;

namespace PixelScrub.Cli.Commands;

/// <summary>The text options `scan` and `clean` share.</summary>
internal static class TextCommandOptions
{
    public static Option<bool> ReadAll() => new("--text-all")
    {
        Description = "Read every file with pixels (no triage: by default only US, SC, OT, XA, RF, ES, XC, secondary captures, "
            + "BurnedInAnnotation YES, DERIVED/SECONDARY and rule-flagged files are read).",
    };

    /// <summary>`--text-allow FILE`: the allow-list of harmless annotations (replaces the built-in one).</summary>
    public static Option<string?> Allow() => new("--text-allow")
    {
        Description = "Allow-list of harmless annotations kept in the image, one WORD or 're: PATTERN' a line (default: the built-in list; see README).",
    };

    /// <summary>`--text-patterns FILE`: PHI patterns that need no header (replaces the built-in set).</summary>
    public static Option<string?> Patterns() => new("--text-patterns")
    {
        Description = "PHI patterns that need no header, one 'NAME REGEX' a line (default: the built-in dates, times, digit runs and labels; see README).",
    };

    /// <summary>The judge of recognised text with the built-in lists.</summary>
    public static ITextJudge Judge() => PhiJudge.Default;

    /// <summary>The judge with the user's lists; a bad file is a usage error (file:line:column on stderr).</summary>
    public static bool TryJudge(string? allowFile, string? patternsFile, TextWriter stderr, out PhiJudge judge)
    {
        judge = PhiJudge.Default;
        if (allowFile is null && patternsFile is null) return true;
        try
        {
            judge = new PhiJudge(new TextJudgeOptions
            {
                Allow = allowFile is null ? TextAllowList.Default : TextAllowList.Load(allowFile),
                Patterns = patternsFile is null ? TextPatterns.Default : TextPatterns.Load(patternsFile),
            });
            return true;
        }
        catch (PixelScrubException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return false;
        }
    }
}
