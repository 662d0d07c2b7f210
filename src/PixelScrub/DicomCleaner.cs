using PixelScrub.Cleaning;
using PixelScrub.Deidentification;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Pipeline;
using PixelScrub.Rules;

namespace PixelScrub;


/// <summary>
/// The library facade, in the shape of deid's DicomCleaner: <see cref="Detect"/> a file (header only), <see cref="Clean"/>
/// its pixels, <see cref="SaveDicom"/> the result as <c>cleaned-&lt;name&gt;.dcm</c>. One instance handles one file at a
/// time; for your own parallelism use the stateless <see cref="HasBurnedPixels"/> and <see cref="CleanPixelData"/>.
/// <see cref="Scan"/> reads the text burned into a file's pixels (Tesseract, in this process); <see cref="Clean"/> reads
/// what it made (verify, the default) and with redact also cleans the PHI text found first. Dispose it to free the OCR
/// engine.
/// </summary>
public sealed class DicomCleaner : IDisposable
{
    private Text.TextService? _text;

    private readonly RuleSet _rules;
    private readonly DecisionPolicy _policy;
    private readonly CleanOptions _options;
    private DicomFile? _file;
    private DicomDataset? _original;
    private bool _headerApplied;
    private Detection? _detection;
    private bool _cleaned;

    public DicomCleaner(RuleSet? rules = null, CleanOptions? options = null, DecisionPolicy? policy = null)
    {
        _rules = rules ?? RuleSet.Defaults;
        _options = options ?? CleanOptions.Default;
        _policy = policy ?? DecisionPolicy.Default;
    }

    /// <summary>
    /// When set, <see cref="SaveDicom"/> writes the cleaned file in this transfer syntax (CTP's DicomDecompressor /
    /// DicomTranscoder); a file that cannot be written so makes SaveDicom throw and nothing is written.
    /// </summary>
    public TranscodeOptions? Transcode { get; init; }

    /// <summary>
    /// When set, <see cref="SaveDicom"/> also de-identifies the header (after pixel cleaning; the spec reads the header as
    /// first read), and a file the spec quarantines makes SaveDicom throw <see cref="HeaderQuarantinedException"/> with
    /// nothing written. With a header spec SaveDicom works on files that needed no pixel cleaning too.
    /// Use <see cref="HeaderSpecs.Resolve"/> to get one.
    /// </summary>
    public IHeaderAnonymizer? Header { get; init; }

    /// <summary>
    /// Text in the pixels for <see cref="Clean"/>: verify (the default: residual PHI text, or no Tesseract to read it, makes
    /// Clean throw), redact (PHI text joins the mask, then verify), off (<see cref="PixelScrub.Text.TextOptions.Off"/>: rules only).
    /// </summary>
    public Text.TextOptions Text { get; init; } = PixelScrub.Text.TextOptions.Default;

    /// <summary>The judge of recognised text (null: the built-in one).</summary>
    public Text.ITextJudge? TextJudge { get; init; }

    /// <summary>The text found by the last <see cref="Clean"/> with text on (what redact read in the original, or what verify read).</summary>
    public IReadOnlyList<Text.TextFinding>? TextFound { get; private set; }

    private Text.TextService TextService => _text ??= new Text.TextService(TextJudge, null);

    /// <summary>
    /// Reads the text in every frame and overlay of a file and judges it against the file's header (no triage: the file is
    /// read whatever its modality). Writes nothing. Throws <see cref="UnsupportedInputException"/> when Tesseract is not
    /// installed (naming the package) or the pixels cannot be rendered.
    /// </summary>
    public Text.FileTextScan Scan(string path)
    {
        using var file = DicomFile.Open(path);
        var (scan, findings) = TextService.Read(file, file.Dataset);
        return new Text.FileTextScan(path, true, "read on request", scan.FramesRead, findings.Select(PixelScrub.Text.TextFindingRow.From).ToArray(),
            scan.Notes.Count > 0 ? string.Join("; ", scan.Notes) : null);
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _text?.Dispose();
        _text = null;
    }

    /// <summary>The file last passed to <see cref="Detect"/>.</summary>
    public string? Path => _file?.Path;

    /// <summary>The detection of the current file.</summary>
    public Detection? Detection => _detection;

    /// <summary>Reads the header of a file (never its pixels) and evaluates the rules.</summary>
    public Detection Detect(string path)
    {
        _file?.Dispose();
        _file = DicomFile.Open(path, DicomReadOptions.Header);
        _original = Header is null ? null : _file.Dataset.Copy();
        _cleaned = false;
        _headerApplied = false;
        _detection = _rules.Detect(_file, _policy);
        return _detection;
    }

    /// <summary>
    /// Cleans the current file's pixels with the mask of the matched rules. Throws <see cref="UnsupportedInputException"/>
    /// when the decision is not "clean" (nothing to clean, or a file to review) and our exception types when the file
    /// cannot be cleaned; the file on disk is never changed.
    /// </summary>
    public CleanResult Clean()
    {
        if (_file is null || _detection is null) throw new InvalidOperationException("call Detect(path) first");
        var operations = _detection.Operations.ToList();
        var decision = _detection.Decision;
        TextFound = null;
        _file.ReadRemainder();
        if (Text.Mode == PixelScrub.Text.TextMode.Redact && decision != Decision.Quarantine)
        {
            var (_, found) = TextService.Read(_file, _file.Dataset);
            TextFound = found;
            foreach (var f in found.Where(f => f.Redacted))
                operations.Add(new MaskOperation(MaskValue.Clean, f.RedactionRegion(Text.Padding, _detection.Columns, _detection.Rows)));
            if (found.Any(f => f.Redacted)) decision = Decision.Clean;
        }

        if (decision != Decision.Clean)
        {
            throw new UnsupportedInputException($"the decision for {_file.Path} is {decision.ToString().ToLowerInvariant()}: {_detection.DecisionReason}");
        }

        var result = CleanPixelData(_file, new PixelMask(_detection.Columns, _detection.Rows, operations), _options);
        if (Text.Mode != PixelScrub.Text.TextMode.Off)
        {
            var (_, after) = TextService.Read(_file, _file.Dataset);
            TextFound ??= after;
            var residual = after.Where(f => f.IsPhi).ToList();
            if (residual.Count > 0)
            {
                throw new UnsupportedInputException(
                    $"residual PHI text in the cleaned {_file.Path}: {string.Join("; ", residual.Select(r => $"\"{r.Line.Text}\" at {r.Box} ({r.Verdict.Match})"))}");
            }
        }

        _cleaned = true;
        return result;
    }

    /// <summary>Writes the cleaned file as <c>cleaned-&lt;name&gt;.dcm</c> in a folder (temp file + rename); returns its path.</summary>
    public string SaveDicom(string folder)
    {
        if (_file is null || (!_cleaned && Header is null)) throw new InvalidOperationException("call Detect(path) and Clean() first");
        var name = System.IO.Path.GetFileNameWithoutExtension(_file.Path ?? "image");
        var dest = System.IO.Path.Combine(folder, $"cleaned-{name}.dcm");
        if (Header is not null && !_headerApplied)
        {
            _file.ReadRemainder();
            var result = Header.Apply(_file, new HeaderContext { Original = _original, PixelsCleaned = _cleaned, SourcePath = _file.Path });
            if (!result.IsDone) throw new HeaderQuarantinedException(result.Reason ?? "quarantined") { FilePath = _file.Path };
            _headerApplied = true; // a second SaveDicom writes the same de-identified dataset
        }

        if (Transcode is not null) TranscodeFile(_file, Transcode);
        DicomWriter.WriteFile(_file, dest);
        return dest;
    }

    /// <summary>
    /// Writes the middle frame as PNG (deid's save_png, in full colour): <c>NAME.original.png</c> or <c>NAME.cleaned.png</c>.
    /// The original is read again from disk; the cleaned image is the one <see cref="Clean"/> made. Returns the path.
    /// </summary>
    public string SavePng(string folder, PreviewImage which = PreviewImage.Cleaned)
    {
        var (file, suffix) = PreviewSource(which);
        var image = Imaging.DicomImage.FromFile(file);
        var dest = System.IO.Path.Combine(folder, $"{System.IO.Path.GetFileNameWithoutExtension(_file!.Path ?? "image")}.{suffix}.png");
        Directory.CreateDirectory(folder);
        Imaging.Previews.SavePng(dest, Imaging.Previews.Render(image, image.FrameCount / 2, 1, new Imaging.CodecFrameDecoder(Codecs.FrameCodecRegistry.CreateDefault(null))));
        return dest;
    }

    /// <summary>Writes every frame as an animated PNG (deid's save_animation, without ffmpeg): <c>NAME.cleaned.apng</c>.</summary>
    public string SaveAnimation(string folder, PreviewImage which = PreviewImage.Cleaned, Imaging.AnimationFormat format = Imaging.AnimationFormat.Apng)
    {
        var (file, suffix) = PreviewSource(which);
        var image = Imaging.DicomImage.FromFile(file);
        var ext = format == Imaging.AnimationFormat.Apng ? "apng" : "gif";
        var dest = System.IO.Path.Combine(folder, $"{System.IO.Path.GetFileNameWithoutExtension(_file!.Path ?? "image")}.{suffix}.{ext}");
        Directory.CreateDirectory(folder);
        Imaging.Previews.SaveAnimation(dest, image, format, 1, new Imaging.CodecFrameDecoder(Codecs.FrameCodecRegistry.CreateDefault(null)));
        return dest;
    }

    private (DicomFile File, string Suffix) PreviewSource(PreviewImage which)
    {
        if (_file?.Path is null) throw new InvalidOperationException("call Detect(path) first");
        if (which == PreviewImage.Original) return (DicomFile.Open(_file.Path), "original");
        if (!_cleaned) throw new InvalidOperationException("call Clean() first, or ask for the original");
        using var ms = new MemoryStream();
        DicomWriter.Write(_file, ms);
        ms.Position = 0;
        return (DicomFile.Read(ms), "cleaned");
    }

    /// <summary>
    /// Rewrites a fully read file in another transfer syntax in place (not written; call <see cref="DicomWriter.WriteFile"/>).
    /// Throws our exception types when the file cannot be written in the target syntax. Thread-safe for different files.
    /// </summary>
    public static TranscodeResult TranscodeFile(DicomFile file, TranscodeOptions options) => Transcoder.InProcess.Transcode(file, options);

    /// <summary>True when the rules flag this header (deid's has_burned_pixels); thread-safe.</summary>
    public static bool HasBurnedPixels(DicomFile file, RuleSet? rules = null) => (rules ?? RuleSet.Defaults).Detect(file).Flagged;

    /// <summary>
    /// Cleans a fully read file's pixel data in place (not written; call <see cref="DicomWriter.WriteFile"/>), with the
    /// registered encapsulated cleaners for compressed syntaxes. Thread-safe for different files.
    /// </summary>
    public static CleanResult CleanPixelData(DicomFile file, PixelMask mask, CleanOptions? options = null) =>
        new DicomPixelCleaner(EncapsulatedCleaners.InProcess.All).Clean(file, mask, options ?? CleanOptions.Default);
}
