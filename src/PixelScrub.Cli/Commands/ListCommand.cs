using System.CommandLine;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Shards;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub list PATH... --out MANIFEST`: walks the inputs once and writes the manifest shards read.</summary>
internal static class ListCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var inputs = new Argument<string[]>("path") { Description = "Files and folders to list (folders recursively), as `clean` walks them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The manifest to write (atomically).", Required = true, HelpName = "MANIFEST" };
        var layout = new Option<string>("--layout") { Description = "mirror (default) or full-path, as for clean", DefaultValueFactory = _ => "mirror" };
        layout.AcceptOnlyFromAmong("mirror", "full-path");
        var followLinks = new Option<bool>("--follow-links") { Description = "Follow symbolic links to folders (each folder is walked once)." };
        var command = new Command("list", "Walk the inputs once, as clean does, and write a manifest (size and relative path per file) for `clean --files-from`.")
        {
            inputs, output, layout, followLinks,
        };
        command.SetAction(parse =>
        {
            try
            {
                var s = Manifest.Write(parse.GetValue(inputs)!, parse.GetValue(output)!,
                    parse.GetValue(layout) == "full-path" ? OutputLayout.FullPath : OutputLayout.Mirror, parse.GetValue(followLinks));
                stdout.WriteLine($"{s.Files} files ({s.Bytes / 1e6:0.0} MB) below {s.Root} -> {s.Path}");
                if (s.Ignored > 0) stdout.WriteLine($"{s.Ignored} entries not regular files (or links not followed): listed as comments, not read");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is BatchSetupException or FileNotFoundException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
