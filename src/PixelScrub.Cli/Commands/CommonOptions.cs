using System.CommandLine;
using PixelScrub.Rules;

namespace PixelScrub.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Rules() => new("--rules", "-r")
    {
        Description = "Rule file (CTP pixel script, CTP filter script or deid recipe; detected by content). Repeatable; default: the built-in rules.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<int> Jobs() => new("--jobs", "-j")
    {
        Description = "Files processed in parallel (default: the number of cores).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>The rule files given, or the built-in defaults; throws RuleSyntaxException on a bad file.</summary>
    public static RuleSet LoadRules(string[]? paths) =>
        paths is { Length: > 0 } ? RuleSet.Load(paths) : RuleSet.Defaults;
}
