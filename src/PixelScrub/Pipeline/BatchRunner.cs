using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using PixelScrub.Cleaning;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline.Shards;
using PixelScrub.Pipeline.Sinks;
using PixelScrub.Pipeline.Sources;
using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Pipeline;

/// <summary>Counts of a finished batch.</summary>
public sealed record BatchSummary(int Total, int Passed, int Cleaned, int Quarantined, int Failed, int Skipped, long Bytes, TimeSpan Elapsed,
    string OutputDirectory, string QuarantineDirectory, string ReportPath, string? PreviewsDirectory = null)
{
    public double FilesPerSecond => Elapsed.TotalSeconds > 0 ? Total / Elapsed.TotalSeconds : 0;
    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;

    /// <summary>Entries not read: FIFOs, devices, sockets, links to folders not followed (each has a report row).</summary>
    public int Ignored { get; init; }

    /// <summary>Report rows that could not be written (disk full); the report holds whole lines only.</summary>
    public int ReportRowsLost { get; init; }

    /// <summary>Why the first report row was lost.</summary>
    public string? ReportError { get; init; }
}

/// <summary>
/// Runs `clean` over files and folders. Before any file is touched: every path is checked (<see cref="BatchPaths"/>),
/// the inputs are walked (<see cref="InputWalk"/>) and their output names checked for collisions (<see cref="OutputNames"/>), and the output folder
/// is locked for this run (<see cref="OutputLock"/>); any of these refuses the run with a <see cref="BatchSetupException"/>.
/// Then files are processed in parallel (bounded by Jobs), the report is written as files finish, and progress reported.
/// Each file takes the stages of <see cref="PipelineBuilder"/> from a source (the folder walk) into sinks (the output and
/// quarantine folders). Leftover temp files of killed runs are swept first; the ledger lets a rerun skip what is done.
/// A fault while processing a file (disk full, read-only folder, input gone) is that file's failure, never the run's.
/// </summary>
public static class BatchRunner
{
    public static BatchSummary Run(BatchOptions options, IProgress<FileOutcome>? progress = null, CancellationToken cancel = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var outDir = Path.GetFullPath(options.OutputDirectory);
        var quarantine = Path.GetFullPath(options.ResolvedQuarantine);
        (string Root, bool FollowLinks)? manifest = options.FilesFrom is { } m ? Manifest.ReadHeader(m) : null;
        var root = manifest is { } mh ? Path.GetFullPath(options.FilesRoot ?? mh.Root) : null;

        // The root is the input the paths are checked against ("/", for a manifest of whole paths, cannot be).
        BatchPaths.Check(root is null ? options : options with { Inputs = root == "/" ? [] : [root] });
        IInputSource source = manifest is { } header
            ? new ManifestSource(options.FilesFrom!, root!, header.FollowLinks)
            : new FolderSource(options.Inputs, [outDir, quarantine, options.StagingDirectory], options.Layout, options.FollowLinks);
        var shard = options.Shard;
        var files = (shard is { } only ? source.Files().Where(f => only.Contains(f.RelativePath)) : source.Files()).ToList();
        OutputNames.Check(files, options.Layout, OutputTargets.Of(options), options.IgnoreCase);

        using var outputLock = shard is { } locked ? OutputLock.AcquireShard(outDir, locked.Tag) : OutputLock.Acquire(outDir);
        AtomicFile.SweepLeftovers(options.StagingDirectory);
        if (shard is null)
        {
            // A shard sweeps only its own staging folder: the others' temp files may belong to live processes on other hosts.
            AtomicFile.SweepLeftovers(outDir);
            AtomicFile.SweepLeftovers(quarantine);
        }

        using var encapsulated = new EncapsulatedCleaners(options.NativeWorker);
        var cleaner = new DicomPixelCleaner(encapsulated.All);
        using var text = options.Text.Mode == Text.TextMode.Off ? null : new Text.TextService(options.TextJudge, options.NativeWorker);
        using var ledger = Setup("the resume ledger", () => new Ledger(outDir, options.Resume, shard is { } s ? s.Name(Ledger.FileName) : Ledger.FileName));
        using var report = Setup("the report", () => new ReportWriter(options.ResolvedReport));
        var state = new ShardState
        {
            Shard = shard?.Index ?? 0, Shards = shard?.Count ?? 1, Status = ShardState.Running, Files = files.Count,
            Manifest = options.FilesFrom is { } mf ? Path.GetFullPath(mf) : null, Root = root,
            Host = Environment.MachineName, Pid = Environment.ProcessId, Started = DateTime.UtcNow,
        };
        if (options.ShardStatePath is { } statePath) Setup("the shard state", () => WriteState(statePath, state));
        var pipeline = PipelineBuilder.Build(options, cleaner, encapsulated.Transcoder, text, ledger,
            new FolderSink(outDir, options.StagingDirectory, durable: false), new QuarantineFolderSink(quarantine, options.StagingDirectory, durable: false));
        var checkpoint = new Checkpoint(ledger.Enabled ? ledger : null,
            [outDir, quarantine, Path.GetDirectoryName(Path.GetFullPath(report.ReportPath)) ?? outDir]);
        var counts = new ConcurrentDictionary<FileStatus, int>();
        long bytes = 0;

        void Process(InputFile input)
        {
            var outcome = pipeline.Process(input);
            report.Write(outcome);
            counts.AddOrUpdate(outcome.Status, 1, (_, n) => n + 1);
            Interlocked.Add(ref bytes, outcome.Bytes);
            progress?.Report(outcome);
            checkpoint.FileFinished();
        }

        if (options.Jobs <= 1 || files.Count <= 1)
        {
            // On this thread: a one-job or one-file run starts no other thread.
            foreach (var input in files)
            {
                cancel.ThrowIfCancellationRequested();
                Process(input);
            }
        }
        else
        {
            RunOnThreads(files, Math.Min(options.Jobs, files.Count), Process, cancel);
        }

        checkpoint.Run();

        TryRemoveEmpty(options.StagingDirectory);
        int C(FileStatus s) => counts.TryGetValue(s, out var n) ? n : 0;
        if (options.ShardStatePath is { } donePath)
        {
            Setup("the shard state", () => WriteState(donePath, state with
            {
                Status = ShardState.Complete, Finished = DateTime.UtcNow, Passed = C(FileStatus.Passed), Cleaned = C(FileStatus.Cleaned),
                Quarantined = C(FileStatus.Quarantined), Failed = C(FileStatus.Failed), Skipped = C(FileStatus.Skipped), Ignored = C(FileStatus.Ignored),
                ReportRowsLost = report.Lost,
            }));
        }

        return new BatchSummary(files.Count, C(FileStatus.Passed), C(FileStatus.Cleaned), C(FileStatus.Quarantined), C(FileStatus.Failed),
            C(FileStatus.Skipped), bytes, started.Elapsed, outDir, quarantine, report.ReportPath,
            options.Previews && Directory.Exists(options.ResolvedPreviews) ? options.ResolvedPreviews : null)
        {
            Ignored = C(FileStatus.Ignored),
            ReportRowsLost = report.Lost,
            ReportError = report.FirstError,
        };
    }

    /// <summary>
    /// Processes the files on <paramref name="jobs"/> threads (this one and jobs - 1 started for the run), each taking the
    /// next file when it finishes one, so near the end no thread waits on a range of files handed to another. Own threads
    /// rather than the thread pool: a pool worker that runs out of work spins before it sleeps, and a third one woken to
    /// look for work does too; on a machine with as many cores as jobs that spinning takes CPU from the workers
    /// (BENCHMARKS.md §10f). The first unexpected exception stops the others from taking files and is rethrown here.
    /// </summary>
    private static void RunOnThreads(List<InputFile> files, int jobs, Action<InputFile> process, CancellationToken cancel)
    {
        int next = -1;
        ExceptionDispatchInfo? failure = null;

        void Work()
        {
            try
            {
                int i;
                while (Volatile.Read(ref failure) is null && !cancel.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < files.Count)
                {
                    process(files[i]);
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
            }
        }

        var threads = new Thread[jobs - 1];
        for (int t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(Work) { IsBackground = true, Name = $"pixelscrub job {t + 2}" };
            threads[t].Start();
        }

        Work();
        foreach (var thread in threads) thread.Join();
        failure?.Throw();
        cancel.ThrowIfCancellationRequested();
    }

    /// <summary>Opens a file the run writes throughout; one it cannot open refuses the run (before any input is read).</summary>
    private static T Setup<T>(string what, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BatchSetupException($"cannot write {what}: {ex.Message}", ex);
        }
    }

    private static bool WriteState(string path, ShardState state)
    {
        AtomicFile.Write(path, s => System.Text.Json.JsonSerializer.Serialize(s, state, PipelineJson.Default.ShardState));
        return true;
    }

    private static void TryRemoveEmpty(string dir)
    {
        try
        {
            if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // another run is using it, or it cannot be listed: it is left
        }
    }
}
