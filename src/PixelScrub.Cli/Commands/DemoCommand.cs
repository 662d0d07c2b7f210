using System.CommandLine;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Samples;
using PixelScrub.Text;
using PixelScrub.Text.Ocr;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub demo [--out DIR]`: builds the synthetic sample set, cleans it with the default rules, says where everything went.</summary>
internal static class DemoCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for the demo (default: ./pixelscrub-demo).", DefaultValueFactory = _ => "pixelscrub-demo" };
        var command = new Command("demo", "Make a small synthetic set with burned-in text, clean it with the default rules and text verification, and show the result.") { output };
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

        var text = DemoText(stdout);
        var options = new BatchOptions
        {
            Inputs = [input],
            OutputDirectory = output,
            Rules = RuleSet.Defaults,
            ReportPath = Path.Combine(root, "report.jsonl"),
            Resume = false,
            Previews = true,
            NativeWorker = CodecWorkerCommand.Self(),
            Text = text,
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

    /// <summary>
    /// The demo runs `clean`'s default, text verification, when Tesseract is here. Without it (a fresh machine with only
    /// the .NET SDK) `clean` would hold every file that needs reading, which shows nothing of the rules; the demo alone then
    /// runs rules only and says so, with the install command. `clean` itself never turns verification off.
    /// </summary>
    private static TextOptions DemoText(TextWriter stdout)
    {
        if (OcrReaders.Missing() is not { } missing)
        {
            stdout.WriteLine("Text: verify (the default): Tesseract reads each ultrasound and screen capture output before it is written.");
            stdout.WriteLine();
            return TextOptions.Default;
        }

        stdout.WriteLine($"Text: off for this demo only, as Tesseract cannot run here: {missing}.");
        stdout.WriteLine("  `clean` verifies by default and would quarantine the ultrasounds and screen captures, naming the package.");
        stdout.WriteLine($"  Install: sudo apt-get install {TesseractApi.LanguagePackage} {TesseractApi.Package}");
        stdout.WriteLine();
        return TextOptions.Off;
    }
}
