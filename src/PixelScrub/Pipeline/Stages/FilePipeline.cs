using System.Diagnostics;
using PixelScrub.Dicom;
using PixelScrub.Masks;
using PixelScrub.Pipeline.Sinks;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// Takes one input through the ordered stages into a sink, and makes its report row. An item a stage ends (to review,
/// failed) goes to the quarantine sink at once, with its sidecar; stages after that run only if they ask to
/// (<see cref="IFileStage.RunsOnEnded"/>). Fail closed: an exception of ours, or an I/O fault, out of any stage ends the
/// item as failed, and it is quarantined when that is possible. Finished files are recorded in the resume ledger once
/// their destination is in place. Thread-safe: one instance serves every worker of a batch.
/// </summary>
public sealed class FilePipeline
{
    private readonly IReadOnlyList<IFileStage> _stages;
    private readonly IQuarantineSink _quarantine;
    private readonly Ledger? _ledger;

    internal FilePipeline(IReadOnlyList<IFileStage> stages, IQuarantineSink quarantine, Ledger? ledger)
    {
        _stages = stages;
        _quarantine = quarantine;
        _ledger = ledger;
    }

    /// <summary>The stages in order (for tests and `--explain`-style listings).</summary>
    public IReadOnlyList<IFileStage> Stages => _stages;

    public FileOutcome Process(InputFile input)
    {
        var clock = Stopwatch.StartNew();
        long bytes;
        try
        {
            bytes = new FileInfo(input.FullPath).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bytes = 0;
        }

        using var item = new WorkItem(input, bytes);
        foreach (var stage in _stages)
        {
            if (item.Ended && !stage.RunsOnEnded) continue;
            bool endedBefore = item.Ended;
            try
            {
                stage.Run(item);
            }
            catch (PixelScrubException ex)
            {
                item.End(FileStatus.Failed, $"{stage.Name}: {ex.Message}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                item.End(FileStatus.Failed, $"I/O error in {stage.Name}: {ex.Message}");
            }

            if (!endedBefore && item.Ended) QuarantineEnded(item);
        }

        if (_ledger is not null && item.Sha256 is not null && item.Output is not null && item.Status != FileStatus.Skipped)
        {
            _ledger.Record(input.RelativePath, item.Sha256, item.Output, item.Status);
        }

        return Outcome(item) with { Milliseconds = clock.Elapsed.TotalMilliseconds };
    }

    private void QuarantineEnded(WorkItem item)
    {
        if (item.EndStatus is not (FileStatus.Quarantined or FileStatus.Failed)) return;
        item.Output = null;
        try
        {
            item.Output = _quarantine.Quarantine(item);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PixelScrubException)
        {
            item.AddNote($"could not be quarantined: {ex.Message}");
        }
    }

    private static FileOutcome Outcome(WorkItem item)
    {
        var first = item.Detection?.Matches.FirstOrDefault();
        IReadOnlyList<string> notes = item.Ended || item.File is null ? item.Notes : [.. item.Notes, .. ReaderNotes(item.File)];
        return new FileOutcome
        {
            Input = item.Input.FullPath,
            Output = item.Output,
            Status = item.Status,
            Bytes = item.Bytes,
            Decision = DecisionText(item),
            Group = first?.Group,
            Label = first?.Label,
            Regions = item.Detection is { } d && d.Operations.Count > 0 ? string.Join(';', d.Operations.Select(RegionText)) : null,
            Reason = item.Ended ? item.EndReason : item.DecisionReason,
            Method = item.Methods.Count > 0 ? string.Join("; ", item.Methods) : null,
            PixelsCleaned = item.PixelsCleaned,
            Notes = notes,
            Text = TextRows(item),
        };
    }

    /// <summary>The text rows of the report and sidecar: what verification found left over, else what was read.</summary>
    internal static IReadOnlyList<Text.TextFindingRow>? TextRows(WorkItem item) =>
        (item.ResidualText ?? item.TextFindings)?.Select(Text.TextFindingRow.From).ToArray();

    /// <summary>The report's decision column: the decision's name, or how an item that never reached one ended.</summary>
    internal static string DecisionText(WorkItem item) =>
        item.EndDecision ?? (item.Detection is null ? "" : item.Decision.ToString().ToLowerInvariant());

    internal static string RegionText(MaskOperation op) => (op.Value == MaskValue.Keep ? "keep:" : "") + op.RegionText;

    /// <summary>Faults the reader tolerated (odd lengths, ...), as DCMTK does, reported rather than hidden (at most five).</summary>
    private static IEnumerable<string> ReaderNotes(DicomFile file) =>
        file.Warnings.Take(5).Select(w => $"tolerated: {w}").Concat(file.Warnings.Count > 5 ? [$"tolerated: {file.Warnings.Count - 5} more"] : []);
}
