using System.CommandLine;
using PixelScrub.Dicom;
using PixelScrub.Dicom.Json;

namespace PixelScrub.Cli.Commands;

/// <summary>`pixelscrub dump FILE [--json]`: the header as a tree, or as the DICOM JSON model.</summary>
internal static class DumpCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file") { Description = "The DICOM file to show." };
        var headerOnly = new Option<bool>("--header-only") { Description = "Stop at the pixel data element (never read pixels)." };
        var json = new Option<bool>("--json") { Description = "Write the DICOM JSON model (PS3.18 F.2) instead of the tree." };
        var bulkData = new Option<DicomJsonBulkData>("--bulk-data")
        {
            Description = "With --json: bulk data as a file URI with offset and length (uri), left out (omit) or base64 (inlinebinary).",
            DefaultValueFactory = _ => DicomJsonBulkData.Uri,
        };
        var command = new Command("dump", "Show a DICOM file's header as a tree.") { file, headerOnly, json, bulkData };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (Directory.Exists(path))
            {
                stderr.WriteLine($"error: {path} is a folder: dump shows one file (for a folder, try 'pixelscrub detect')");
                return ExitCodes.Usage;
            }

            if (OperatingSystem.IsLinux() && PixelScrub.Pipeline.Unix.UnixEntry.Stat(System.Text.Encoding.UTF8.GetBytes(path), true, out _) is { Kind: not PixelScrub.Pipeline.Unix.UnixEntryKind.Regular } entry)
            {
                // a FIFO or a device would block or never end
                stderr.WriteLine($"error: {path} is {PixelScrub.Pipeline.Unix.UnixEntry.Describe(entry.Kind)}, not a regular file");
                return ExitCodes.Usage;
            }

            try
            {
                using var dicom = DicomFile.Open(path, parse.GetValue(headerOnly) ? DicomReadOptions.Header : DicomReadOptions.Default);
                if (parse.GetValue(json))
                {
                    var options = new DicomJsonOptions { BulkData = parse.GetValue(bulkData), Indented = true };
                    stdout.WriteLine(DicomJsonWriter.ToJson(dicom, options));
                }
                else
                {
                    DicomTextDump.Write(dicom, stdout);
                }

                return ExitCodes.Ok;
            }
            catch (PixelScrubException ex)
            {
                stderr.WriteLine($"error: {ex.Describe()}");
                return ExitCodes.SomeFailed;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {path}: {ex.Message}");
                return ExitCodes.SomeFailed;
            }
        });
        return command;
    }
}
