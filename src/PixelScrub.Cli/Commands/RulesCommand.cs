using System.CommandLine;
using PixelScrub.Rules;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub rules check FILE...` and `pixelscrub rules show [FILE...]`.</summary>
internal static class RulesCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var checkFiles = new Argument<string[]>("file") { Description = "Rule files to check.", Arity = ArgumentArity.OneOrMore };
        var checkGroups = CommonOptions.FlagGroups();
        var check = new Command("check", "Report every syntax error (file:line:column), unknown keyword and unknown function.") { checkFiles, checkGroups };
        check.SetAction(parse =>
        {
            int errors = 0, total = 0;
            foreach (var path in parse.GetValue(checkFiles)!)
            {
                var diagnostics = RuleSet.Check(path, CommonOptions.Policy(parse.GetValue(checkGroups)));
                foreach (var d in diagnostics)
                {
                    (d.Severity == RuleSeverity.Error ? stderr : stdout).WriteLine(d.ToString());
                    if (d.Severity == RuleSeverity.Error) errors++;
                }

                total++;
                if (!diagnostics.Any(d => d.Severity == RuleSeverity.Error)) stdout.WriteLine($"{path}: ok");
            }

            stdout.WriteLine($"{total} file(s) checked, {errors} error(s)");
            return errors > 0 ? ExitCodes.Usage : ExitCodes.Ok;
        });

        var showFiles = new Argument<string[]>("file") { Description = "Rule files to show (default: the built-in rules).", Arity = ArgumentArity.ZeroOrMore };
        var showGroups = CommonOptions.FlagGroups();
        var show = new Command("show", "Print rules as understood (parsing the output gives the same rules).") { showFiles, showGroups };
        show.SetAction(parse =>
        {
            try
            {
                stdout.Write(CommonOptions.LoadRules(parse.GetValue(showFiles), parse.GetValue(showGroups)).Show());
                return ExitCodes.Ok;
            }
            catch (PixelScrubException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
        });

        return new Command("rules", "Check and show rule files.") { check, show };
    }
}
