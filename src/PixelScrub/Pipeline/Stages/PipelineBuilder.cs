using PixelScrub.Cleaning;
using PixelScrub.Pipeline.Sinks;
using PixelScrub.Text;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// The one place the ordered stage list is made from the options (ARCHITECTURE.md, "What flows"): read header, rules,
/// text detect (redact), decide, pixel clean, header, transcode, text verify, write, preview. A stage is present only when
/// its option asks for it.
/// </summary>
internal static class PipelineBuilder
{
    public static FilePipeline Build(BatchOptions options, DicomPixelCleaner cleaner, Transcoder transcoder, TextService? text, Ledger? ledger,
        IOutputSink output, IQuarantineSink quarantine)
    {
        var stages = new List<IFileStage>();
        if (ledger is { Enabled: true }) stages.Add(new ResumeStage(ledger));
        stages.Add(new ReadHeaderStage());
        if (options.Header is not null) stages.Add(new HeaderSnapshotStage());
        stages.Add(new RulesStage(options.Rules, options.Policy));
        bool reading = text is not null && options.Text.Mode != TextMode.Off;
        if (reading && options.Text.Mode == TextMode.Redact) stages.Add(new TextDetectStage(text!, options.Text));
        stages.Add(new DecideStage(options.Text));
        stages.Add(new PixelCleanStage(cleaner, options.Clean));
        if (options.Header is { } header) stages.Add(new HeaderStage(header));
        if (options.Transcode is { } transcode) stages.Add(new TranscodeStage(transcoder, transcode));
        if (reading) stages.Add(new TextVerifyStage(text!, options.Text, cleaner, options.Clean));
        stages.Add(new WriteStage(output));
        if (options.Previews) stages.Add(new PreviewStage(options.ResolvedPreviews));
        return new FilePipeline(stages, quarantine, ledger is { Enabled: true } ? ledger : null);
    }
}
