using System.CommandLine;
using PixelScrub.Rules;

namespace PixelScrub.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>The files and folders a reading command takes (detect, scan).</summary>
    public static Argument<string[]> Inputs() => new("path") { Description = "Files and folders (recursively).", Arity = ArgumentArity.OneOrMore };

    /// <summary>`--format` of a command that lists one row per file: table, json, jsonl or csv.</summary>
    public static Option<string> Format()
    {
        var format = new Option<string>("--format", "-f") { Description = "table (default), json (one array), jsonl or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "jsonl", "csv");
        return format;
    }

    public static Option<string[]> Rules() => new("--rules", "-r")
    {
        Description = "Rule file (CTP pixel script, CTP filter script or deid recipe; detected by content). Repeatable; default: the built-in rules.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>--flag-group NAME: a deid %filter group name to accept as a flag (beside graylist, greylist, blacklist).</summary>
    public static Option<string[]> FlagGroups() => new("--flag-group")
    {
        Description = "Accept this deid %filter group name as a flag group (beside whitelist, graylist, greylist, blacklist). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
        HelpName = "NAME",
    };

    public static Option<int> Jobs()
    {
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Files processed in parallel (default: the number of cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"--jobs must be at least 1, not {result.GetValueOrDefault<int>()}");
            }
        });
        return jobs;
    }

    /// <summary>An output folder option must not name an existing file: prints the error and returns false (exit 2).</summary>
    public static bool CheckOutputFolder(string path, string option, TextWriter stderr)
    {
        if (!File.Exists(path)) return true;
        stderr.WriteLine($"error: {option} {path} is a file; it must name a folder (new or existing)");
        return false;
    }

    /// <summary>The decision policy's group names extended with --flag-group names.</summary>
    public static DecisionPolicy Policy(string[]? flagGroups) =>
        flagGroups is { Length: > 0 } ? DecisionPolicy.Default.WithFlagGroups(flagGroups) : DecisionPolicy.Default;

    /// <summary>Loads the rules; on a bad rule file prints the error (file:line:column) and returns false (exit 2).</summary>
    public static bool TryLoadRules(string[]? paths, string[]? flagGroups, TextWriter stderr, out RuleSet rules)
    {
        try
        {
            rules = LoadRules(paths, flagGroups);
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
    public static RuleSet LoadRules(string[]? paths, string[]? flagGroups) =>
        paths is { Length: > 0 } ? RuleSet.Load(paths, Policy(flagGroups)) : RuleSet.Defaults;
}
