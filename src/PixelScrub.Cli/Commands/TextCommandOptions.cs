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

    /// <summary>The judge of recognised text.</summary>
    public static ITextJudge Judge() => new BasicTextJudge();
}
