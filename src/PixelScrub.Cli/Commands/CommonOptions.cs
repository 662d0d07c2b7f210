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

    /// <summary>Loads the rules; on a bad rule file prints the error (file:line:column) and returns false (exit 2).</summary>
    public static bool TryLoadRules(string[]? paths, TextWriter stderr, out RuleSet rules)
    {
        try
        {
            rules = LoadRules(paths);
            return true;
        }
        catch (PixelScrubException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            rules = null!;
            return false;
        }
    }

    /// <summary>Expands files and folders; on a missing input prints it and returns false (exit 2).</summary>
    public static bool TryEnumerate(string[] inputs, TextWriter stderr, out List<PixelScrub.Pipeline.InputFile> files)
    {
        try
        {
            files = PixelScrub.Pipeline.InputFile.Enumerate(inputs, []).ToList();
            return true;
        }
        catch (FileNotFoundException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            files = [];
            return false;
        }
    }

    /// <summary>The rule files given, or the built-in defaults; throws RuleSyntaxException on a bad file.</summary>
    public static RuleSet LoadRules(string[]? paths) =>
        paths is { Length: > 0 } ? RuleSet.Load(paths) : RuleSet.Defaults;
}
