using System.Diagnostics;
using System.Text.Json;
using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Rules;

namespace PixelScrub.Pipeline;

/// <summary>
/// Takes one input file through detection, decision and output: pass (copied unchanged), clean (rewritten), or
/// quarantine (copied with a JSON sidecar giving the reason). With <see cref="BatchOptions.Transcode"/>, files written to
/// the output (passed or cleaned) are rewritten in the target transfer syntax first; one that cannot be is quarantined
/// with the reason. Fail closed: any failure after a rule asked for cleaning
/// sends the file to quarantine. Inputs are only ever opened for reading; outputs appear through temp file + rename.
/// </summary>
internal sealed class FileProcessor(BatchOptions options, DicomPixelCleaner cleaner, Transcoder transcoder, Ledger ledger)
{
    private readonly string _out = Path.GetFullPath(options.OutputDirectory);
    private readonly string _quarantine = Path.GetFullPath(options.ResolvedQuarantine);
    private readonly string _staging = options.StagingDirectory;

    public FileOutcome Process(InputFile input)
    {
        var clock = Stopwatch.StartNew();
        long bytes = new FileInfo(input.FullPath).Length;
        string? sha = null;
        try
        {
            if (ledger.Enabled)
            {
                sha = Ledger.Sha256Of(input.FullPath);
                if (ledger.IsDone(input.RelativePath, sha, out var done))
                {
                    return new FileOutcome
                    {
                        Input = input.FullPath, Output = done!.Destination, Status = FileStatus.Skipped, Bytes = bytes,
                        Reason = $"already done by an earlier run ({done.Status.ToLowerInvariant()}), same input content",
                        Milliseconds = clock.Elapsed.TotalMilliseconds,
                    };
                }
            }

            var outcome = Decide(input, bytes, out var detection);
            if (options.Previews && outcome.Status is FileStatus.Cleaned or FileStatus.Quarantined or FileStatus.Failed)
            {
                outcome = WithPreview(input, outcome, detection);
            }

            if (sha is not null && outcome.Output is not null) ledger.Record(input.RelativePath, sha, outcome.Output, outcome.Status);
            return outcome with { Milliseconds = clock.Elapsed.TotalMilliseconds };
        }
        catch (IOException ex)
        {
            return new FileOutcome
            {
                Input = input.FullPath, Status = FileStatus.Failed, Bytes = bytes, Reason = $"I/O error: {ex.Message}",
                Milliseconds = clock.Elapsed.TotalMilliseconds,
            };
        }
    }

    /// <summary>Adds the comparison image; a file that cannot be rendered gets a note, never a different outcome.</summary>
    private FileOutcome WithPreview(InputFile input, FileOutcome outcome, Detection? detection)
    {
        var path = Path.Combine(options.ResolvedPreviews, input.RelativePath + ".compare.png");
        if (detection is null) return outcome with { Notes = [.. outcome.Notes, "no preview: the file could not be read as DICOM"] };
        try
        {
            var original = DicomFile.Open(input.FullPath);
            var cleaned = outcome.Status == FileStatus.Cleaned && outcome.Output is not null ? DicomFile.Open(outcome.Output) : original;
            PreviewWriter.WriteCompare(original, cleaned, detection, path);
            return outcome with { Notes = [.. outcome.Notes, $"preview: {path}"] };
        }
        catch (Exception ex) when (ex is PixelScrubException or IOException or ArgumentException)
        {
            return outcome with { Notes = [.. outcome.Notes, $"no preview: {(ex as PixelScrubException)?.Message ?? ex.Message}"] };
        }
    }

    /// <param name="detection">the rules' verdict, or null when the file could not be read as DICOM</param>
    private FileOutcome Decide(InputFile input, long bytes, out Detection? detection)
    {
        detection = null;
        DicomFile file;
        try
        {
            file = DicomFile.Open(input.FullPath, DicomReadOptions.Header);
        }
        catch (DicomFormatException ex) when (ex.NotDicom)
        {
            // Not DICOM at all (a PDF, a text file): no rule can judge it, and it may hold PHI, so a person looks at it.
            return Quarantine(input, bytes, FileStatus.Quarantined, "not a DICOM file: set aside for review", null, "quarantine", []);
        }
        catch (PixelScrubException ex)
        {
            return Quarantine(input, bytes, FileStatus.Failed, $"cannot read as DICOM: {ex.Message}", null, "failed", []);
        }

        using var owned = file; // releases spooled frames once the output is written
        detection = options.Rules.Detect(file, options.Policy);
        var first = detection.Matches.FirstOrDefault();
        var regions = RegionsText(detection.Operations);
        var baseRow = new FileOutcome
        {
            Input = input.FullPath, Status = FileStatus.Passed, Bytes = bytes, Decision = detection.Decision.ToString().ToLowerInvariant(),
            Group = first?.Group, Label = first?.Label, Regions = regions,
        };

        switch (detection.Decision)
        {
            case Decision.Pass:
            {
                var dest = Path.Combine(_out, input.RelativePath);
                if (options.Transcode is { } transcode && transcode.Applies(file.TransferSyntax))
                {
                    return PassTranscoded(input, bytes, file, detection, baseRow, transcode, dest);
                }

                CopyAtomically(input.FullPath, dest);
                return baseRow with
                {
                    Output = dest, Status = FileStatus.Passed, Reason = detection.DecisionReason, Notes = [.. HiddenPixels.Describe(file.Dataset), .. ReaderNotes(file)],
                };
            }

            case Decision.Quarantine:
                return Quarantine(input, bytes, FileStatus.Quarantined, detection.DecisionReason, detection, baseRow.Decision, []) with
                {
                    Group = baseRow.Group, Label = baseRow.Label, Regions = regions,
                };

            default:
                return CleanFile(input, bytes, file, detection, baseRow);
        }
    }

    private FileOutcome CleanFile(InputFile input, long bytes, DicomFile file, Detection detection, FileOutcome baseRow)
    {
        try
        {
            file.ReadRemainder();
            if (detection.Columns <= 0 || detection.Rows <= 0)
            {
                throw new UnsupportedInputException("a rule asks to clean regions but the header gives no Rows/Columns");
            }

            // Fail closed: a rule that names regions this image does not have is a rule that does not fit the image.
            var mask = detection.BuildMask();
            if (mask.IsEmpty)
            {
                throw new UnsupportedInputException("the rules' clean regions lie outside the image or are all cancelled by keep regions");
            }

            var result = cleaner.Clean(file, mask, options.Clean);
            string method = result.Method;
            var notes = result.Notes;
            if (options.Transcode is { } transcode && transcode.Applies(file.TransferSyntax))
            {
                TranscodeResult transcoded;
                try
                {
                    transcoded = transcoder.Transcode(file, transcode);
                }
                catch (PixelScrubException ex)
                {
                    return Quarantine(input, bytes, FileStatus.Failed, $"cleaned, but cannot be written as {transcode.Target.Name} ({transcode.Target.Uid}): {ex.Message}",
                        detection, baseRow.Decision, []) with
                    {
                        Group = baseRow.Group, Label = baseRow.Label, Regions = baseRow.Regions,
                    };
                }

                if (transcoded.Changed) method += "; " + transcoded.Method;
                notes = [.. notes, .. transcoded.Notes];
            }

            var dest = Path.Combine(_out, input.RelativePath);
            DicomWriter.WriteFile(file, dest, _staging);
            return baseRow with
            {
                Output = dest, Status = FileStatus.Cleaned, Method = method, PixelsCleaned = result.PixelsCleaned,
                Notes = [.. notes, .. ReaderNotes(file)], Reason = detection.DecisionReason,
            };
        }
        catch (PixelScrubException ex)
        {
            return Quarantine(input, bytes, FileStatus.Failed, $"a rule asks to clean this file but it cannot be cleaned: {ex.Message}", detection, baseRow.Decision, []) with
            {
                Group = baseRow.Group, Label = baseRow.Label, Regions = baseRow.Regions,
            };
        }
    }

    /// <summary>Faults the reader tolerated (odd lengths, ...), as DCMTK does, reported rather than hidden (at most five).</summary>
    private static IEnumerable<string> ReaderNotes(DicomFile file) =>
        file.Warnings.Take(5).Select(w => $"tolerated: {w}").Concat(file.Warnings.Count > 5 ? [$"tolerated: {file.Warnings.Count - 5} more"] : []);

    /// <summary>A passed file that the transcode option rewrites: no longer a byte-identical copy, and the report row says so.</summary>
    private FileOutcome PassTranscoded(InputFile input, long bytes, DicomFile file, Detection detection, FileOutcome baseRow, TranscodeOptions transcode, string dest)
    {
        var hidden = HiddenPixels.Describe(file.Dataset);
        try
        {
            file.ReadRemainder();
            var result = transcoder.Transcode(file, transcode);
            if (result.Changed) DicomWriter.WriteFile(file, dest, _staging);
            else CopyAtomically(input.FullPath, dest);
            IReadOnlyList<string> notes = result.Changed
                ? [.. hidden, .. result.Notes, "rewritten in the new transfer syntax: not a byte-identical copy of the input"]
                : [.. hidden, .. result.Notes];
            return baseRow with
            {
                Output = dest, Status = FileStatus.Passed, Reason = detection.DecisionReason, Method = result.Changed ? result.Method : null, Notes = notes,
            };
        }
        catch (PixelScrubException ex)
        {
            return Quarantine(input, bytes, FileStatus.Failed, $"passed by the rules, but cannot be written as {transcode.Target.Name} ({transcode.Target.Uid}): {ex.Message}",
                detection, baseRow.Decision, []) with
            {
                Group = baseRow.Group, Label = baseRow.Label, Regions = baseRow.Regions,
            };
        }
    }

    private FileOutcome Quarantine(InputFile input, long bytes, FileStatus status, string reason, Detection? detection, string decision, IReadOnlyList<string> notes)
    {
        var dest = Path.Combine(_quarantine, input.RelativePath);
        CopyAtomically(input.FullPath, dest);
        var sidecar = new QuarantineSidecar(
            input.FullPath, status.ToString().ToLowerInvariant(), reason, decision,
            detection?.Matches.Select(m => new SidecarMatch(m.Group, m.Label, m.Reason, m.Source, m.Operations.Select(RegionText).ToArray())).ToArray() ?? [],
            notes);
        AtomicFile.Write(dest + ".json", s => JsonSerializer.Serialize(s, sidecar, PipelineJson.Default.QuarantineSidecar), _staging);
        return new FileOutcome { Input = input.FullPath, Output = dest, Status = status, Reason = reason, Bytes = bytes, Decision = decision, Notes = notes };
    }

    private void CopyAtomically(string source, string destination) =>
        AtomicFile.Write(destination, d =>
        {
            using var s = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            s.CopyTo(d, 1 << 16);
        }, _staging);

    private static string? RegionsText(IReadOnlyList<MaskOperation> ops) =>
        ops.Count == 0 ? null : string.Join(';', ops.Select(RegionText));

    private static string RegionText(MaskOperation op) => (op.Value == MaskValue.Keep ? "keep:" : "") + op.RegionText;
}
