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
/// </summary>
public sealed class DicomCleaner
{
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
        if (_detection.Decision != Decision.Clean)
        {
            throw new UnsupportedInputException($"the decision for {_file.Path} is {_detection.Decision.ToString().ToLowerInvariant()}: {_detection.DecisionReason}");
        }

        _file.ReadRemainder();
        var result = CleanPixelData(_file, _detection.BuildMask(), _options);
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
