using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Text;
using Spectre.Console;

namespace PixelScrub.Cli.Commands;

/// <summary>
/// `pixelscrub scan PATH...`: the text OCR finds in each file's pixels (every frame, overlays), per line: frame, box,
/// text, confidence and verdict (PHI and what it matched; allowed; unknown). Writes nothing else.
/// </summary>
internal static class ScanCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var inputs = CommonOptions.Inputs();
        var rules = CommonOptions.Rules();
        var flagGroups = CommonOptions.FlagGroups();
        var format = CommonOptions.Format();
        var jobs = CommonOptions.Jobs();
        var all = TextCommandOptions.ReadAll();
        var allow = TextCommandOptions.Allow();
        var patterns = TextCommandOptions.Patterns();
        var command = new Command("scan", "Read the text burned into the pixels and judge it (PHI, allowed, unknown).") { inputs, rules, flagGroups, format, jobs, all, allow, patterns };
        command.SetAction(parse =>
        {
            if (!CommonOptions.TryLoadRules(parse.GetValue(rules), parse.GetValue(flagGroups), stderr, out var ruleSet)) return ExitCodes.Usage;
            if (!CommonOptions.TryEnumerate(parse.GetValue(inputs)!, stderr, out var files)) return ExitCodes.Usage;
            if (!TextCommandOptions.TryJudge(parse.GetValue(allow), parse.GetValue(patterns), stderr, out var judge)) return ExitCodes.Usage;
            // Tesseract is looked for when triage first selects a file, not before: loading the library and opening
            // its data costs more than triage of a few hundred plain CT files, which never need it.
            using var text = new TextService(judge, CodecWorkerCommand.Self());
            var triage = parse.GetValue(all) ? TextTriage.Default with { All = true } : TextTriage.Default;
            return Run(files, ruleSet, text, triage, parse.GetValue(format)!, parse.GetValue(jobs), stdout, stderr);
        });
        return command;
    }

    private static int Run(List<InputFile> files, RuleSet rules, TextService text, TextTriage triage, string format, int jobs,
        TextWriter stdout, TextWriter stderr)
    {
        var results = OrderedWork.Map(files, jobs, f => TextScanRunner.Scan(f.FullPath, text, rules, triage));
        int failed = 0, read = 0, phi = 0;
        bool first = true;
        var table = new Table().AddColumn("file").AddColumn("frame").AddColumn("box").AddColumn("text").AddColumn("conf").AddColumn("verdict");
        if (format == "json") stdout.Write('[');
        if (format == "csv") stdout.WriteLine("file,read,triage,frame,source,box,text,confidence,verdict,match,reason,error");
        foreach (var r in results)
        {
            if (r is { Read: false, Error: { } error } && text.EngineMissing is { } missing && error == missing)
            {
                stderr.WriteLine($"error: scan needs Tesseract OCR: {missing}");
                return ExitCodes.Usage;
            }

            if (r.Error is not null && !r.Read) failed++;
            if (r.Read) read++;
            phi += r.PhiLines;
            switch (format)
            {
                case "json":
                    stdout.Write(first ? "\n" : ",\n");
                    stdout.Write(JsonSerializer.Serialize(r, TextJson.Default.FileTextScan));
                    first = false;
                    break;
                case "jsonl":
                    stdout.WriteLine(JsonSerializer.Serialize(r, TextJson.Default.FileTextScan));
                    break;
                case "csv":
                    if (r.Text.Count == 0) stdout.WriteLine(Csv(r.File, r.Read ? "true" : "false", r.Triage, "", "", "", "", "", "", "", "", r.Error ?? ""));
                    foreach (var t in r.Text)
                        stdout.WriteLine(Csv(r.File, "true", r.Triage, t.Frame.ToString(CultureInfo.InvariantCulture), t.Source, t.Box, t.Text,
                            t.Confidence.ToString(CultureInfo.InvariantCulture), t.Verdict, t.Match ?? "", t.Reason, r.Error ?? ""));
                    break;
                default:
                    if (r.Text.Count == 0) table.AddRow(Markup.Escape(r.File), "", "", Markup.Escape(r.Error ?? (r.Read ? "(no text)" : r.Triage)), "", "");
                    foreach (var t in r.Text)
                    {
                        string colour = t.Verdict switch { "phi" => "red", "allowed" => "green", _ => "yellow" };
                        table.AddRow(Markup.Escape(r.File), t.Frame.ToString(CultureInfo.InvariantCulture), t.Box, Markup.Escape(t.Text),
                            t.Confidence.ToString("0", CultureInfo.InvariantCulture), $"[{colour}]{Markup.Escape(t.Verdict + (t.Match is null ? "" : ": " + t.Match))}[/]");
                    }

                    break;
            }
        }

        if (format == "json") stdout.WriteLine(first ? "]" : "\n]");
        var console = Progress.ConsoleFor(format == "table" ? stdout : stderr);
        if (format == "table") console.Write(table);
        console.MarkupLine(Markup.Escape($"scan: {files.Count} files, {read} read, {phi} PHI lines, {failed} could not be read"));
        return failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    private static string Csv(params string[] cells) =>
        string.Join(',', cells.Select(c => c.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));
}
