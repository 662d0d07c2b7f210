using System.CommandLine;
using PixelScrub.Dicom;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub dump FILE [--json]`: the header as a tree, or as the DICOM JSON model.</summary>
internal static class DumpCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file") { Description = "The DICOM file to show." };
        var headerOnly = new Option<bool>("--header-only") { Description = "Stop at the pixel data element (never read pixels)." };
        var command = new Command("dump", "Show a DICOM file's header as a tree.") { file, headerOnly };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            try
            {
                var dicom = DicomFile.Open(path, parse.GetValue(headerOnly) ? DicomReadOptions.Header : DicomReadOptions.Default);
                DicomTextDump.Write(dicom, stdout);
                return ExitCodes.Ok;
            }
            catch (PixelScrubException ex)
            {
                stderr.WriteLine($"error: {ex.Describe()}");
                return ExitCodes.SomeFailed;
            }
            catch (IOException ex)
            {
                stderr.WriteLine($"error: {path}: {ex.Message}");
                return ExitCodes.SomeFailed;
            }
        });
        return command;
    }
}
