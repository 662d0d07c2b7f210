using PixelScrub.Cleaning;
using PixelScrub.Pipeline.Sinks;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// The one place the ordered stage list is made from the options (ARCHITECTURE.md, "What flows"): read header, rules,
/// decide, pixel clean, header, transcode, write, preview. A stage is present only when its option asks for it.
/// </summary>
internal static class PipelineBuilder
{
    public static FilePipeline Build(BatchOptions options, DicomPixelCleaner cleaner, Transcoder transcoder, Ledger? ledger,
        IOutputSink output, IQuarantineSink quarantine)
    {
        var stages = new List<IFileStage>();
        if (ledger is { Enabled: true }) stages.Add(new ResumeStage(ledger));
        stages.Add(new ReadHeaderStage());
        if (options.Header is not null) stages.Add(new HeaderSnapshotStage());
        stages.Add(new RulesStage(options.Rules, options.Policy));
        stages.Add(new DecideStage());
        stages.Add(new PixelCleanStage(cleaner, options.Clean));
        if (options.Header is { } header) stages.Add(new HeaderStage(header));
        if (options.Transcode is { } transcode) stages.Add(new TranscodeStage(transcoder, transcode));
        stages.Add(new WriteStage(output));
        if (options.Previews) stages.Add(new PreviewStage(options.ResolvedPreviews));
        return new FilePipeline(stages, quarantine, ledger is { Enabled: true } ? ledger : null);
    }
}
