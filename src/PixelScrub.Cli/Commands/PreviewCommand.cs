using System.CommandLine;
using System.Globalization;
using PixelScrub.Cleaning;
using PixelScrub.Pipeline;
using PixelScrub.Rules;

namespace PixelScrub.Cli.Commands;

/// <summary>
/// `pixelscrub preview FILE... --out DIR`: NAME.original.png, NAME.cleaned.png, NAME.compare.png (and NAME.cleaned.apng for
/// multi-frame images), cleaning in memory with the rules; nothing but the previews is written.
/// </summary>
internal static class PreviewCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var inputs = new Argument<string[]>("file") { Description = "DICOM files or folders.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the PNG files.", Required = true };
        var rules = CommonOptions.Rules();
        var flagGroups = CommonOptions.FlagGroups();
        var frame = new Option<string>("--frame") { Description = "Frame to show: a number from 1, first, middle, last or all.", DefaultValueFactory = _ => "1" };
        var scale = new Option<double>("--scale") { Description = "Scale factor for the images (e.g. 0.5).", DefaultValueFactory = _ => 1.0 };
        var fill = new Option<string>("--fill") { Description = "black (default) or gray", DefaultValueFactory = _ => "black" };
        fill.AcceptOnlyFromAmong("black", "gray");
        var command = new Command("preview", "Write before/after PNG previews with the clean regions outlined.") { inputs, output, rules, flagGroups, frame, scale, fill };
        command.SetAction(parse =>
        {
            if (!CommonOptions.TryLoadRules(parse.GetValue(rules), parse.GetValue(flagGroups), stderr, out var ruleSet)) return ExitCodes.Usage;

            double s = parse.GetValue(scale);
            if (s <= 0 || s > 16)
            {
                stderr.WriteLine("error: --scale must be above 0 and at most 16");
                return ExitCodes.Usage;
            }

            if (!CommonOptions.TryEnumerate(parse.GetValue(inputs)!, stderr, out var files)) return ExitCodes.Usage;

            var options = new CleanOptions { Fill = parse.GetValue(fill) == "gray" ? FillMode.Gray : FillMode.Black };
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            if (!CommonOptions.CheckOutputFolder(folder, "--out", stderr)) return ExitCodes.Usage;
            int failed = 0;
            foreach (var f in files)
            {
                var sub = Path.Combine(folder, Path.GetDirectoryName(f.RelativePath) ?? "");
                try
                {
                    foreach (var written in PreviewWriter.ForFile(f.FullPath, sub, ruleSet, DecisionPolicy.Default, options, parse.GetValue(frame)!, s))
                    {
                        stdout.WriteLine(written);
                    }
                }
                catch (Exception ex) when (ex is PixelScrubException or ArgumentException or IOException)
                {
                    failed++;
                    stderr.WriteLine($"cannot preview {f.FullPath}: {(ex as PixelScrubException)?.Message ?? ex.Message}");
                }
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count - failed} of {files.Count} file(s) previewed in {folder}"));
            return failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
        });
        return command;
    }
}
