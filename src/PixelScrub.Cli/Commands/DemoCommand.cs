using System.CommandLine;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Samples;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub demo [--out DIR]`: builds the synthetic sample set, cleans it with the default rules, says where everything went.</summary>
internal static class DemoCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for the demo (default: ./pixelscrub-demo).", DefaultValueFactory = _ => "pixelscrub-demo" };
        var command = new Command("demo", "Make a small synthetic set with burned-in text, clean it with the default rules, and show the result.") { output };
        command.SetAction(parse =>
        {
            var root = Path.GetFullPath(parse.GetValue(output)!);
            return CommonOptions.CheckOutputFolder(root, "--out", stderr) ? Run(root, stdout, stderr) : ExitCodes.Usage;
        });
        return command;
    }

    public static int Run(string root, TextWriter stdout, TextWriter stderr)
    {
        var input = Path.Combine(root, "input");
        var output = Path.Combine(root, "output");
        foreach (var d in new[] { input, output, output + ".quarantine" })
        {
            if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        }

        var samples = DemoSamples.Write(input);
        stdout.WriteLine($"Demo samples written to {input}:");
        foreach (var s in samples) stdout.WriteLine($"  {s.RelativePath,-26} {s.Description}");
        stdout.WriteLine();

        var options = new BatchOptions
        {
            Inputs = [input],
            OutputDirectory = output,
            Rules = RuleSet.Defaults,
            ReportPath = Path.Combine(root, "report.jsonl"),
            Resume = false,
            Previews = true,
            NativeWorker = CodecWorkerCommand.Self(),
        };
        int code = CleanCommand.Run(options, stdout, stderr);

        stdout.WriteLine();
        stdout.WriteLine("What happened to each sample (expected -> where it is now):");
        foreach (var s in samples)
        {
            var cleaned = Path.Combine(output, s.RelativePath);
            var quarantined = Path.Combine(output + ".quarantine", s.RelativePath);
            var where = File.Exists(cleaned) ? cleaned : File.Exists(quarantined) ? quarantined + "  (reason in " + Path.GetFileName(quarantined) + ".json)" : "(missing!)";
            stdout.WriteLine($"  {s.RelativePath}");
            stdout.WriteLine($"    expected: {s.Expected}");
            stdout.WriteLine($"    now at:   {where}");
        }

        stdout.WriteLine();
        stdout.WriteLine($"Report: {options.ReportPath}");
        if (Directory.Exists(options.ResolvedPreviews))
        {
            stdout.WriteLine("Before/after previews (clean regions outlined in red):");
            foreach (var png in Directory.EnumerateFiles(options.ResolvedPreviews, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                stdout.WriteLine($"  {png}");
            }
        }

        stdout.WriteLine($"Try:    pixelscrub detect {input}");
        stdout.WriteLine($"        pixelscrub preview {Path.Combine(input, "us")} --out {Path.Combine(root, "previews")}");
        stdout.WriteLine("        (from the repository, pixelscrub is: dotnet run --project src/PixelScrub.Cli -c Release --)");
        return code;
    }
}
