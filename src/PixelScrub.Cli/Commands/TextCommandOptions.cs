using System.CommandLine;
using PixelScrub.Text;
using PixelScrub.Text.Ocr;

namespace PixelScrub.Cli.Commands;

/// <summary>The text options `scan` and `clean` share.</summary>
internal static class TextCommandOptions
{
    public static Option<bool> ReadAll() => new("--text-all")
    {
        Description = "Read every file with pixels (no triage: by default only US, SC, OT, XA, RF, ES, XC, SR, DOC, secondary captures, "
            + "BurnedInAnnotation YES, DERIVED/SECONDARY and rule-flagged files are read).",
    };

    public static Option<string?> Mode()
    {
        var option = new Option<string?>("--text")
        {
            Description = "Text in the pixels: verify (the default: each output triage selects is read before it is written; PHI left -> "
                + "quarantine; without Tesseract those files are quarantined naming the package), redact (clean PHI text, then verify), off (rules only).",
        };
        option.AcceptOnlyFromAmong("off", "verify", "redact");
        return option;
    }

    public static Option<string[]> Hold() => new("--text-hold")
    {
        Description = "With --text redact: rule groups (or \"filter\") whose flag still holds a file for review instead of letting OCR clean it.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The text options from the command line.</summary>
    public static TextOptions Resolve(string? mode, bool all, string[]? hold)
    {
        // Default verify (README "Text in the pixels"): the safety net is on unless asked off, and a missing engine
        // holds the files that need it rather than turning the net off.
        var m = mode switch { "off" => TextMode.Off, "redact" => TextMode.Redact, _ => TextMode.Verify };

        return new TextOptions
        {
            Mode = m,
            Triage = all ? TextTriage.Default with { All = true } : TextTriage.Default,
            HoldGroups = new HashSet<string>(hold ?? [], StringComparer.OrdinalIgnoreCase),
        };
    }

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

    /// <summary>
    /// The judge with the user's lists; a bad file is a usage error (file:line:column on stderr). Null when neither list
    /// is given: the built-in judge, which the caller takes (<see cref="PhiJudge.Default"/>) only when text is read,
    /// since building it compiles the pattern set (most of a one-file clean's start-up when --text is off).
    /// </summary>
    public static bool TryJudge(string? allowFile, string? patternsFile, TextWriter stderr, out PhiJudge? judge)
    {
        judge = null;
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
