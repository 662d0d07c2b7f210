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
        ledger?.Settings = SettingsKey(stages);
    }

    /// <summary>What the ledger keys finished files by: a hash of every stage's name and settings key, in order.</summary>
    internal static string SettingsKey(IEnumerable<IFileStage> stages)
    {
        var text = string.Join('\n', stages.Where(s => s.SettingsKey.Length > 0).Select(s => $"{s.Name}: {s.SettingsKey}"));
        return Ledger.Sha256OfText(text)[..32];
    }

    /// <summary>The stages in order (for tests and `--explain`-style listings).</summary>
    public IReadOnlyList<IFileStage> Stages => _stages;

    public FileOutcome Process(InputFile input)
    {
        var clock = Stopwatch.StartNew();
        if (input.NotRead is not null) return new FileOutcome { Input = input.FullPath, Status = FileStatus.Ignored, Reason = input.NotRead };
        var before = Stamp(input);
        using var item = new WorkItem(input, before?.Length ?? 0);
        if (input.RawPath is not null)
        {
            // The .NET file APIs cannot name it; it is copied to quarantine through libc, under the escaped name.
            item.End(FileStatus.Failed, "the file name is not valid UTF-8 (shown with the bad bytes as \\xNN): not processed; rename it and run again");
            QuarantineEnded(item);
            return Outcome(item) with { Milliseconds = clock.Elapsed.TotalMilliseconds };
        }

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
            catch (Exception ex)
            {
                // not an expected failure (a fault of ours): still this file's failure, never the batch's
                item.End(FileStatus.Failed, $"{stage.Name}: unexpected {ex.GetType().Name}: {ex.Message}");
            }

            if (!endedBefore && item.Ended) QuarantineEnded(item);
        }

        // The hash of a file written from its dataset (cleaned), which no sink copied whole: its input is read again. Taken
        // before the change check so that check covers it.
        if (_ledger is not null && item is { HashWhileCopying: true, Sha256: null, Output: not null }) item.Sha256 = HashOrNull(input);
        if (!item.Ended && Stamp(input) != before) WithdrawChanged(item, before, Stamp(input));

        if (_ledger is not null && item.Sha256 is not null && item.Output is not null && item.Status != FileStatus.Skipped)
        {
            _ledger.Record(input.RelativePath, item.Sha256, item.Output, item.Status);
        }

        return Outcome(item) with { Milliseconds = clock.Elapsed.TotalMilliseconds };
    }

    /// <summary>The input's SHA-256, or null when it cannot be read now (the file is then not recorded, so a rerun does it again).</summary>
    private static string? HashOrNull(InputFile input)
    {
        try
        {
            return Ledger.Sha256Of(input.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Size and modification time of the input (null when it cannot be read), to notice an input changing mid-pass.</summary>
    private static (long Length, DateTime Modified)? Stamp(InputFile input)
    {
        if (input.RawPath is not null) return null;
        try
        {
            var info = new FileInfo(input.FullPath);
            if (info.LinkTarget is not null) info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The input changed (or vanished) while it was processed: the output may mix two versions, so it is withdrawn.</summary>
    private void WithdrawChanged(WorkItem item, (long Length, DateTime Modified)? before, (long Length, DateTime Modified)? after)
    {
        if (item.Output is { } written)
        {
            try
            {
                File.Delete(written);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                item.AddNote($"the output {written} could not be removed: {ex.Message}");
            }
        }

        string now = after is { } a ? $"{a.Length} bytes, modified {a.Modified:O}" : "gone";
        string then = before is { } b ? $"{b.Length} bytes, modified {b.Modified:O}" : "unreadable";
        item.End(FileStatus.Failed, $"the input changed while it was processed (was {then}, now {now}): output withdrawn");
        QuarantineEnded(item);
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
