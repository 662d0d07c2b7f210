using System.CommandLine;
using PixelScrub.Cli.Commands;

namespace PixelScrub.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = BuildRoot(Console.Out, Console.Error);
        return root.Parse(args).Invoke();
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
        root.Subcommands.Add(CodecWorkerCommand.Build());
        return root;
    }
}
