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
            Description = "Text in the pixels: off (rules only), verify (read every output; PHI left -> quarantine), redact (clean PHI text, "
                + "then verify). Default: verify when Tesseract is installed, else off with a warning.",
        };
        option.AcceptOnlyFromAmong("off", "verify", "redact");
        return option;
    }

    public static Option<string[]> Hold() => new("--text-hold")
    {
        Description = "With --text redact: rule groups (or \"filter\") whose flag still holds a file for review instead of letting OCR clean it.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The text options from the command line; the default is verify when the engine is installed.</summary>
    public static TextOptions Resolve(string? mode, bool all, string[]? hold, TextWriter stderr)
    {
        TextMode m;
        if (mode is null)
        {
            var missing = OcrReaders.Missing();
            if (missing is not null) stderr.WriteLine($"warning: text verification is off ({missing}); pass --text verify to require it");
            m = missing is null ? TextMode.Verify : TextMode.Off;
        }
        else
        {
            m = mode switch { "verify" => TextMode.Verify, "redact" => TextMode.Redact, _ => TextMode.Off };
        }

        return new TextOptions
        {
            Mode = m,
            Triage = all ? TextTriage.Default with { All = true } : TextTriage.Default,
            HoldGroups = new HashSet<string>(hold ?? [], StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>The judge of recognised text.</summary>
    public static ITextJudge Judge() => new BasicTextJudge();
}
