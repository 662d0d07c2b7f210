using System.CommandLine;
using System.CommandLine.Parsing;
using PixelScrub.Cli.Commands;

namespace PixelScrub.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs; a command line that does not parse is a usage error (exit 2, ARCHITECTURE.md).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!ReviewHost.InProcess && args is [ReviewCommand.Name, ..]) return ReviewHost.Exec(args, stderr);
        var parse = BuildRoot(stdout, stderr).Parse(args);
        var unmatched = UnmatchedOptions(parse);
        // Unknown options first (the likely mistake); the parser's own "Unrecognized ... '-x'" for the same tokens is dropped.
        var errors = UnknownOptions(parse)
            .Concat(unmatched.Select(t => UnknownOptionMessage(t, parse.CommandResult.Command.Name)))
            .Concat(parse.Errors.Select(e => e.Message)
                .Where(m => !(m.StartsWith("Unrecognized", StringComparison.Ordinal) && unmatched.Any(t => m.Contains($"'{t}'", StringComparison.Ordinal)))))
            .ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors) stderr.WriteLine($"error: {error}");
            stderr.WriteLine("Run 'pixelscrub --help' (or 'pixelscrub COMMAND --help') for usage.");
            return Commands.ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is PixelScrubException or IOException or UnauthorizedAccessException)
        {
            // An expected failure no command caught (a file system fault, a file that vanished): one line, no stack trace.
            stderr.WriteLine($"error: {(ex as PixelScrubException)?.Describe() ?? ex.Message}");
            return Commands.ExitCodes.SomeFailed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else is a bug: say so, with the stack trace that helps fix it.
            stderr.WriteLine($"internal error (a bug in PixelScrub, please report it): {ex}");
            return Commands.ExitCodes.SomeFailed;
        }
    }

    /// <summary>
    /// Tokens that look like options (a leading '-') but landed in a command's arguments because no option has that
    /// name: `clean --text IN` would otherwise take `--text` for an input path. After `--` everything is an argument.
    /// Option values (`--frame -1`) belong to their option's result and are not looked at.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parse)
    {
        var afterDoubleDash = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        bool seen = false;
        foreach (var token in parse.Tokens)
        {
            if (seen) afterDoubleDash.Add(token);
            else if (token.Type == TokenType.DoubleDash) seen = true;
        }

        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is not CommandResult command) continue;
            foreach (var argument in command.Children.OfType<ArgumentResult>())
            {
                foreach (var token in argument.Tokens)
                {
                    if (token.Value.Length > 1 && token.Value[0] == '-' && !afterDoubleDash.Contains(token))
                        yield return UnknownOptionMessage(token.Value, command.Command.Name);
                }
            }
        }
    }

    /// <summary>
    /// Option-like tokens the parser could not place at all (a command with no arguments, such as `listen --prot 11112`,
    /// or one whose arguments are full), before any `--`.
    /// </summary>
    private static List<string> UnmatchedOptions(ParseResult parse)
    {
        int doubleDash = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var beforeDoubleDash = (doubleDash < 0 ? parse.Tokens : parse.Tokens.Take(doubleDash)).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        return parse.UnmatchedTokens.Where(t => t.Length > 1 && t[0] == '-' && beforeDoubleDash.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string UnknownOptionMessage(string token, string command) =>
        $"unknown option '{token}' for '{command}' (a path that starts with '-' goes after '--' or as ./{token})";

    /// <summary>The command tree; output goes to the given writers (tests pass their own).</summary>
    public static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("PixelScrub: removes burned-in patient information from the pixels of DICOM images.");
        root.Subcommands.Add(DemoCommand.Build(stdout, stderr));
        root.Subcommands.Add(CleanCommand.Build(stdout, stderr));
        root.Subcommands.Add(DetectCommand.Build(stdout, stderr));
        root.Subcommands.Add(ScanCommand.Build(stdout, stderr));
        root.Subcommands.Add(RulesCommand.Build(stdout, stderr));
        root.Subcommands.Add(PreviewCommand.Build(stdout, stderr));
        root.Subcommands.Add(DumpCommand.Build(stdout, stderr));
        root.Subcommands.Add(HeaderCommand.Build(stdout, stderr));
        root.Subcommands.Add(ListenCommand.Build(stdout, stderr));
        root.Subcommands.Add(SendCommand.Build(stdout, stderr));
        root.Subcommands.Add(EchoCommand.Build(stdout, stderr));
        root.Subcommands.Add(ListCommand.Build(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Build(stdout, stderr));
        root.Subcommands.Add(ReviewHost.InProcess ? ReviewCommand.Build(stdout, stderr) : ReviewCommand.Elsewhere());
        root.Subcommands.Add(CodecWorkerCommand.Build());
        return root;
    }
}
