using PixelScrub.Cleaning;
using PixelScrub.Pipeline.Sinks;
using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Pipeline;

/// <summary>
/// One file through the stages `clean` uses (<see cref="PipelineBuilder"/>), into the same output and quarantine folders,
/// with the output folder locked for the time it takes: the review page's re-run of a decided file. No ledger (a reviewed
/// file is run again on purpose) and no previews; everything else comes from <paramref name="options"/>, as for a batch.
/// </summary>
public static class SingleFileRunner
{
    /// <param name="input">the file to read and where its output goes under OUT (its relative path)</param>
    /// <returns>the report row, as `clean` writes it</returns>
    /// <exception cref="BatchSetupException">the output folder is locked by another run</exception>
    public static FileOutcome Run(BatchOptions options, InputFile input)
    {
        var outDir = Path.GetFullPath(options.OutputDirectory);
        var quarantine = Path.GetFullPath(options.ResolvedQuarantine);
        using var outputLock = OutputLock.Acquire(outDir);
        using var encapsulated = new EncapsulatedCleaners(options.NativeWorker);
        var cleaner = new DicomPixelCleaner(encapsulated.All);
        using var text = options.Text.Mode == Text.TextMode.Off ? null : new Text.TextService(options.TextJudge, options.NativeWorker);
        var pipeline = PipelineBuilder.Build(options with { Previews = false }, cleaner, encapsulated.Transcoder, text, null,
            new FolderSink(outDir, options.StagingDirectory), new QuarantineFolderSink(quarantine, options.StagingDirectory));
        try
        {
            return pipeline.Process(input);
        }
        finally
        {
            try
            {
                if (Directory.Exists(options.StagingDirectory) && !Directory.EnumerateFileSystemEntries(options.StagingDirectory).Any())
                    Directory.Delete(options.StagingDirectory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // left for the next run's sweep
            }
        }
    }
}
