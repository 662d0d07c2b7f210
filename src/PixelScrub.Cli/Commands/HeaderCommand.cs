using System.CommandLine;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub header show SPEC`: the resolved action per attribute, before running a spec.</summary>
internal static class HeaderCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("spec") { Description = "A CTP DicomAnonymizer script, a deid recipe with %header, or a built-in profile name." };
        var options = new HeaderOptions();
        var show = new Command("show", "Print the resolved action per attribute, and the PHI-bearing attributes the spec leaves untouched.") { spec, options.Params, options.LookupTable };
        show.SetAction(parse =>
        {
            if (!options.TryResolve(parse, stderr, parse.GetValue(spec), out var anonymizer)) return ExitCodes.Usage;
            stdout.Write(anonymizer!.Explain().Render());
            return ExitCodes.Ok;
        });
        return new Command("header", "Review header de-identification specs.") { show };
    }
}
