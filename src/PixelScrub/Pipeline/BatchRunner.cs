using System.Collections.Concurrent;
using PixelScrub.Cleaning;
using PixelScrub.Dicom.IO;
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
}

/// <summary>
/// Runs `clean` over files and folders: enumerates inputs, processes them in parallel (bounded by Jobs), writes the
/// report as files finish, and reports progress. Each file takes the stages of <see cref="PipelineBuilder"/> from a
/// source (the folder walk) into sinks (the output and quarantine folders). Leftover temp files of a killed run are swept first; the ledger
/// lets a rerun skip what is already done.
/// </summary>
public static class BatchRunner
{
    public static BatchSummary Run(BatchOptions options, IProgress<FileOutcome>? progress = null, CancellationToken cancel = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var outDir = Path.GetFullPath(options.OutputDirectory);
        var quarantine = Path.GetFullPath(options.ResolvedQuarantine);
        if (IsInside(quarantine, outDir)) throw new ArgumentException($"the quarantine folder {quarantine} must not be inside the output folder {outDir}");
        foreach (var input in options.Inputs)
        {
            var full = Path.GetFullPath(input);
            if (Directory.Exists(full) && IsInside(full, outDir))
            {
                throw new ArgumentException($"the input folder {full} is inside the output folder {outDir}");
            }
        }

        Directory.CreateDirectory(outDir);
        AtomicFile.SweepLeftovers(options.StagingDirectory);
        AtomicFile.SweepLeftovers(outDir);
        AtomicFile.SweepLeftovers(quarantine);

        var source = new FolderSource(options.Inputs, [outDir, quarantine, options.StagingDirectory]);
        var files = source.Files().ToList();
        using var encapsulated = new EncapsulatedCleaners(options.NativeWorker);
        var cleaner = new DicomPixelCleaner(encapsulated.All);
        using var ledger = new Ledger(outDir, options.Resume, options.Transcode?.Key);
        using var report = new ReportWriter(options.ResolvedReport);
        var pipeline = PipelineBuilder.Build(options, cleaner, encapsulated.Transcoder, ledger,
            new FolderSink(outDir, options.StagingDirectory, durable: false), new QuarantineFolderSink(quarantine, options.StagingDirectory, durable: false));
        var checkpoint = new Checkpoint(ledger.Enabled ? ledger : null,
            [outDir, quarantine, Path.GetDirectoryName(Path.GetFullPath(report.ReportPath)) ?? outDir]);
        var counts = new ConcurrentDictionary<FileStatus, int>();
        long bytes = 0;

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancel }, input =>
        {
            var outcome = pipeline.Process(input);
            report.Write(outcome);
            counts.AddOrUpdate(outcome.Status, 1, (_, n) => n + 1);
            Interlocked.Add(ref bytes, outcome.Bytes);
            progress?.Report(outcome);
            checkpoint.FileFinished();
        });
        checkpoint.Run();

        TryRemoveEmpty(options.StagingDirectory);
        int C(FileStatus s) => counts.TryGetValue(s, out var n) ? n : 0;
        return new BatchSummary(files.Count, C(FileStatus.Passed), C(FileStatus.Cleaned), C(FileStatus.Quarantined), C(FileStatus.Failed),
            C(FileStatus.Skipped), bytes, started.Elapsed, outDir, quarantine, report.ReportPath,
            options.Previews && Directory.Exists(options.ResolvedPreviews) ? options.ResolvedPreviews : null);
    }

    private static void TryRemoveEmpty(string dir)
    {
        try
        {
            if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
        }
        catch (IOException)
        {
            // another run is using it
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it.</summary>
    private static bool IsInside(string path, string folder)
    {
        var f = folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var p = path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return p.StartsWith(f, StringComparison.Ordinal);
    }
}
