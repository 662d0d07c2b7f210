using System.CommandLine;
using PixelScrub.Cli.Commands;

namespace PixelScrub.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs; a command line that does not parse is a usage error (exit 2, ARCHITECTURE.md).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = BuildRoot(stdout, stderr).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run 'pixelscrub --help' (or 'pixelscrub COMMAND --help') for usage.");
            return Commands.ExitCodes.Usage;
        }

        return parse.Invoke();
    }

    /// <summary>The command tree; output goes to the given writers (tests pass their own).</summary>
    public static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("PixelScrub: removes burned-in patient information from the pixels of DICOM images.");
        root.Subcommands.Add(DemoCommand.Build(stdout, stderr));
        root.Subcommands.Add(CleanCommand.Build(stdout, stderr));
        root.Subcommands.Add(DetectCommand.Build(stdout, stderr));
        root.Subcommands.Add(RulesCommand.Build(stdout, stderr));
        root.Subcommands.Add(PreviewCommand.Build(stdout, stderr));
        root.Subcommands.Add(DumpCommand.Build(stdout, stderr));
        root.Subcommands.Add(ListenCommand.Build(stdout, stderr));
        root.Subcommands.Add(SendCommand.Build(stdout, stderr));
        root.Subcommands.Add(EchoCommand.Build(stdout, stderr));
        root.Subcommands.Add(ListCommand.Build(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Build(stdout, stderr));
        root.Subcommands.Add(CodecWorkerCommand.Build());
        return root;
    }
}
