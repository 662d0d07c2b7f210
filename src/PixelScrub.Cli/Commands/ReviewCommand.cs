using System.CommandLine;
using System.Net;
using PixelScrub.Review;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub review OUT`: serves the review page for a `clean` run's quarantine and prints its URL (token included).</summary>
internal static class ReviewCommand
{
    public const string Name = "review";
    private const string Description = "Serve a page to look at quarantined files, decide, and turn decisions into rules; prints its URL with the access token.";

    /// <summary>The command as the root's help lists it when <see cref="ReviewHost"/> runs it in another program.</summary>
    public static Command Elsewhere() => new(Name, Description);

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var output = new Argument<string>("out") { Description = "The output folder of a `clean` run (its --out)." };
        var quarantine = new Option<string?>("--quarantine") { Description = "The run's quarantine folder (default: the sibling OUT.quarantine)." };
        var report = new Option<string?>("--report") { Description = "The run's JSONL report (default: OUT.report.jsonl); decisions update it." };
        var rules = CommonOptions.Rules();
        rules.Description = "The rule files the run used (default: the built-in rules); a decision re-runs a file with these and the review rules. Give the run's --header (and --fill) too: a re-run applies them.";
        var flagGroups = CommonOptions.FlagGroups();
        var writeRules = new Option<string?>("--write-rules") { Description = "The deid recipe decisions write their rules into (default: OUT.review.deid).", HelpName = "FILE" };
        var port = new Option<int>("--port") { Description = "Port to listen on (default: 0, a free port).", DefaultValueFactory = _ => 0 };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535) r.AddError($"--port must be 0 to 65535, not {r.GetValueOrDefault<int>()}");
        });
        var reviewer = new Option<string?>("--reviewer") { Description = "Your name, written into every audit row (default: the user name).", HelpName = "NAME" };
        var listen = new Option<string>("--listen") { Description = "Address to listen on (default: 127.0.0.1; anything else exposes the page to that network).", DefaultValueFactory = _ => "127.0.0.1", HelpName = "ADDRESS" };
        var fill = PipelineOptions.FillOption("How a re-run fills regions, as `clean --fill`: black (default), gray, or blur (JPEG only).");
        var header = new HeaderOptions();
        var command = new Command(Name, Description)
        {
            output, quarantine, report, rules, flagGroups, writeRules, fill, port, reviewer, listen,
        };
        foreach (var o in header.All) command.Options.Add(o);
        command.SetAction(parse =>
        {
            if (!IPAddress.TryParse(parse.GetValue(listen), out var address))
            {
                stderr.WriteLine($"error: --listen {parse.GetValue(listen)} is not an IP address (127.0.0.1, ::1, 0.0.0.0, ...)");
                return ExitCodes.Usage;
            }

            if (!CommonOptions.TryLoadRules(parse.GetValue(rules), parse.GetValue(flagGroups), stderr, out var ruleSet)) return ExitCodes.Usage;
            if (!header.TryResolve(parse, stderr, parse.GetValue(header.Header), out var headerAnonymizer)) return ExitCodes.Usage;
            var fillText = parse.GetValue(fill)!;
            var outDir = parse.GetValue(output)!;
            if (!Directory.Exists(outDir))
            {
                stderr.WriteLine($"error: the output folder {Path.GetFullPath(outDir)} does not exist: run `pixelscrub clean ... --out {outDir}` first");
                return ExitCodes.Usage;
            }

            string? name = parse.GetValue(reviewer);
            var options = new ReviewOptions
            {
                OutputDirectory = outDir,
                QuarantineDirectory = parse.GetValue(quarantine),
                ReportPath = parse.GetValue(report),
                RulesPath = parse.GetValue(writeRules),
                BaseRules = ruleSet,
                Header = headerAnonymizer,
                Clean = PipelineOptions.WithFill(Cleaning.CleanOptions.Default, fillText),
                Policy = CommonOptions.Policy(parse.GetValue(flagGroups)),
                Reviewer = string.IsNullOrWhiteSpace(name) ? Environment.UserName : name.Trim(),
                Listen = address,
                Port = parse.GetValue(port),
                NativeWorker = CodecWorkerCommand.Self(),
            };
            return Run(options, stdout, stderr);
        });
        return command;
    }

    private static int Run(ReviewOptions options, TextWriter stdout, TextWriter stderr)
    {
        ReviewServer server;
        try
        {
            server = ReviewServer.StartAsync(options).GetAwaiter().GetResult();
        }
        catch (ReviewSetupException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (!IPAddress.IsLoopback(options.Listen))
            stderr.WriteLine($"warning: listening on {options.Listen}: anyone who can reach it and has the URL can read these images and decide");
        stdout.WriteLine(server.Url);
        stdout.WriteLine($"review state and audit log: {options.StatePath}; rules written to {options.ResolvedRules}; Ctrl+C stops");
        stdout.Flush();
        try
        {
            server.WaitForShutdownAsync().GetAwaiter().GetResult();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return ExitCodes.Ok;
    }
}
