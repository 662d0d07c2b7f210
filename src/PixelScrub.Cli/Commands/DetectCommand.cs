using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PixelScrub.Dicom;
using PixelScrub.Masks;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using Spectre.Console;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub detect PATH...`: which rules fire on each file, from the header alone (pixels are never read).</summary>
internal static class DetectCommand
{
    private sealed record Row(string File, Detection? Detection, string? Error, bool NotDicom = false);

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var inputs = CommonOptions.Inputs();
        var rules = CommonOptions.Rules();
        var flagGroups = CommonOptions.FlagGroups();
        var format = CommonOptions.Format();
        var jobs = CommonOptions.Jobs();
        var command = new Command("detect", "Report which rules fire on each file and what would happen to it.") { inputs, rules, flagGroups, format, jobs };
        command.SetAction(parse =>
        {
            if (!CommonOptions.TryLoadRules(parse.GetValue(rules), parse.GetValue(flagGroups), stderr, out var ruleSet)) return ExitCodes.Usage;

            if (!CommonOptions.TryEnumerate(parse.GetValue(inputs)!, stderr, out var files)) return ExitCodes.Usage;

            return Run(files, ruleSet, parse.GetValue(format)!, parse.GetValue(jobs), stdout, stderr);
        });
        return command;
    }

    private static int Run(List<InputFile> files, RuleSet rules, string format, int jobs, TextWriter stdout, TextWriter stderr)
    {
        var rows = OrderedWork.Map(files, jobs, f =>
        {
            try
            {
                var file = DicomFile.Open(f.FullPath, DicomReadOptions.Header);
                return new Row(f.FullPath, rules.Detect(file), null);
            }
            catch (DicomFormatException ex) when (ex.NotDicom)
            {
                return new Row(f.FullPath, null, "not a DICOM file: set aside for review", NotDicom: true);
            }
            catch (PixelScrubException ex)
            {
                return new Row(f.FullPath, null, ex.Message);
            }
            catch (IOException ex)
            {
                return new Row(f.FullPath, null, ex.Message);
            }
        });

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int failed = 0;
        var table = new Table().AddColumn("file").AddColumn("decision").AddColumn("group").AddColumn("label").AddColumn("regions");
        bool firstJson = true;
        if (format == "json") stdout.Write('[');
        if (format == "csv") stdout.WriteLine("file,flagged,decision,group,label,reason,coordinates,error");
        // A progress bar where a person watches: on the terminal, on stdout for the table (printed at the end), on
        // stderr when machine-readable output goes to a file; never mixed into machine-readable output.
        bool tableOnTerminal = format == "table" && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        bool barOnStderr = format != "table" && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && Console.IsOutputRedirected;
        if (tableOnTerminal || barOnStderr)
        {
            Progress.ConsoleFor(tableOnTerminal ? Console.Out : Console.Error).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("detect", maxValue: Math.Max(1, files.Count));
                    foreach (var row in rows)
                    {
                        Consume(row);
                        task.Increment(1);
                        task.Description = $"detect: {task.Value:0} of {files.Count} files";
                    }
                });
        }
        else
        {
            foreach (var row in rows) Consume(row);
        }

        void Consume(Row row)
        {
            string decision = row.Detection is null ? "quarantine" : DetectionJson.DecisionName(row.Detection.Decision);
            if (row.Error is not null && !row.NotDicom) failed++;
            var first = row.Detection?.Matches.FirstOrDefault();
            string key = row.NotDicom ? "quarantine (not DICOM)" : row.Error is not null ? "error (quarantine)" : $"{decision}{(first is null ? "" : $" ({first.Group})")}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
            switch (format)
            {
                case "json":
                case "jsonl":
                    var json = row.Detection is not null ? DetectionJson.ToJson(row.File, row.Detection) : ErrorJson(row.File, row.Error!);
                    if (format == "json")
                    {
                        stdout.Write(firstJson ? "\n" : ",\n");
                        stdout.Write(json);
                        firstJson = false;
                    }
                    else
                    {
                        stdout.WriteLine(json);
                    }

                    break;
                case "csv":
                    stdout.WriteLine(Csv(row, decision));
                    break;
                default:
                    table.AddRow(Markup.Escape(row.File), decision, Markup.Escape(first?.Group ?? ""), Markup.Escape(row.Error ?? first?.Label ?? ""),
                        Markup.Escape(Regions(row.Detection)));
                    break;
            }
        }

        if (format == "json") stdout.WriteLine(firstJson ? "]" : "\n]");
        var summaryWriter = format == "table" ? stdout : stderr;
        var console = Progress.ConsoleFor(summaryWriter);
        if (format == "table") console.Write(table);
        var summary = new Table().Title("detect summary").AddColumn("decision (first group)").AddColumn(new TableColumn("files").RightAligned());
        foreach (var (k, v) in counts) summary.AddRow(Markup.Escape(k), v.ToString(CultureInfo.InvariantCulture));
        console.Write(summary);
        return failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    private static string Regions(Detection? d) =>
        d is null ? "" : string.Join(' ', d.Operations.Select(o => (o.Value == MaskValue.Keep ? "keep:" : "") + o.RegionText));

    private static string ErrorJson(string file, string error)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteBoolean("flagged", true);
            w.WriteString("decision", "quarantine");
            w.WriteString("error", error);
            w.WriteStartArray("results");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static string Csv(Row row, string decision)
    {
        var first = row.Detection?.Matches.FirstOrDefault();
        string[] cells =
        [
            row.File, (row.Detection?.Flagged ?? true) ? "true" : "false", decision, first?.Group ?? "", first?.Label ?? "",
            first?.Reason ?? "", Regions(row.Detection), row.Error ?? "",
        ];
        return string.Join(',', cells.Select(c => c.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));
    }
}
