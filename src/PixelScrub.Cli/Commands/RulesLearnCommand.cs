using System.CommandLine;
using PixelScrub.Rules.Learning;
using PixelScrub.Text;

namespace PixelScrub.Cli.Commands;

/// <summary>
/// `pixelscrub rules learn PATH... --out FILE [--padding N] [--jobs N] [--text-allow F] [--text-patterns F]`: OCR reads
/// every given file, PHI boxes are united per device signature, and a deid recipe `clean` can use without OCR is written.
/// </summary>
internal static class RulesLearnCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var inputs = new Argument<string[]>("path") { Description = "Sample files and folders (recursively) of the devices to learn.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The recipe to write (deid format; never one of the inputs).", Required = true };
        var padding = new Option<int>("--padding") { Description = "Pixels added around each PHI text box (default 2).", DefaultValueFactory = _ => 2 };
        var jobs = CommonOptions.Jobs();
        var allow = TextCommandOptions.Allow();
        var patterns = TextCommandOptions.Patterns();
        var command = new Command("learn", "Write a deid recipe from the PHI text OCR finds: one LABEL with coordinates per device signature.")
        {
            inputs, output, padding, jobs, allow, patterns,
        };
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!;
            int pad = parse.GetValue(padding);
            if (pad < 0)
            {
                stderr.WriteLine("error: --padding must be 0 or more");
                return ExitCodes.Usage;
            }

            if (!CommonOptions.TryEnumerate(parse.GetValue(inputs)!, stderr, out var files)) return ExitCodes.Usage;
            try
            {
                LearnRunner.CheckOutput(outPath, files.Select(f => f.FullPath));
            }
            catch (ArgumentException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            if (!TextCommandOptions.TryJudge(parse.GetValue(allow), parse.GetValue(patterns), stderr, out var judge)) return ExitCodes.Usage;
            using var text = new TextService(judge, CodecWorkerCommand.Self());
            if (text.EngineMissing is { } missing)
            {
                stderr.WriteLine($"error: rules learn needs Tesseract OCR: {missing}");
                return ExitCodes.Usage;
            }

            var result = LearnRunner.Run(files.Select(f => f.FullPath).ToList(), text, new RuleLearner(pad), outPath, parse.GetValue(jobs));
            foreach (var (file, error) in result.Failed) stderr.WriteLine($"error: {file}: {error}");
            if (result.FilesRead == 0)
            {
                stderr.WriteLine("error: no file could be read; no recipe written");
                return ExitCodes.SomeFailed;
            }

            stdout.WriteLine($"learned {result.Labels} rule(s) from {result.FilesRead} file(s)"
                + (result.SignaturesWithoutPhi > 0 ? $" ({result.SignaturesWithoutPhi} device signature(s) showed no PHI text)" : "")
                + $": {outPath}");
            return result.Failed.Count > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
        });
        return command;
    }
}
