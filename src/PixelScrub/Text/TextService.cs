using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Pipeline;
using PixelScrub.Text.Ocr;

namespace PixelScrub.Text;

/// <summary>
/// Reads and judges the text of files for the pipeline and for <c>scan</c>: OCR readers pooled per worker, the judge,
/// the engine check done once (a missing engine is reported per file, naming the package), and the run's
/// <see cref="OcrCache"/>, shared by every worker: a line image any file of the run had is not read again.
/// </summary>
internal sealed class TextService : IDisposable
{
    private readonly OcrReaders _readers;
    private readonly Lazy<string?> _missing;
    private readonly Lazy<ITextJudge> _judge;
    private int _judgeStarted;

    /// <param name="judge">null: the built-in judge (<see cref="PhiJudge.Default"/>), built when the first file is
    /// read, so that a run whose files triage all passes over (a CT series) does not build its word lists and patterns</param>
    public TextService(ITextJudge? judge, NativeWorkerCommand? worker, TimeSpan? frameTimeout = null)
    {
        _judge = new Lazy<ITextJudge>(() => judge ?? PhiJudge.Default);
        _readers = new OcrReaders(worker, frameTimeout);
        _missing = new Lazy<string?>(OcrReaders.Missing);
    }

    public ITextJudge Judge => _judge.Value;

    /// <summary>The readings of this run's line images (bounded: see <see cref="OcrCache"/>).</summary>
    public OcrCache Cache { get; } = new();

    /// <summary>Why OCR cannot run here (the package to install), or null when it can.</summary>
    public string? EngineMissing => _missing.Value;

    /// <summary>Reads every frame and overlay of <paramref name="file"/> (the pixels as they are now) and judges the lines against <paramref name="header"/>.</summary>
    /// <param name="cache">where readings are looked up and kept; null: the run's <see cref="Cache"/></param>
    /// <exception cref="UnsupportedInputException">the engine is missing, or the pixels cannot be rendered</exception>
    public (TextScanResult Scan, IReadOnlyList<TextFinding> Findings) Read(DicomFile file, DicomDataset header, OcrCache? cache = null)
    {
        if (EngineMissing is { } missing) throw new UnsupportedInputException(missing);
        StartJudge();
        var reader = _readers.Rent();
        try
        {
            var scanner = new TextScanner(_readers.WithHelp(reader), new CodecFrameDecoder(FrameCodecRegistry.CreateDefault(null)));
            var scan = scanner.Scan(file, cache ?? Cache, lines => Judge.Judge(lines, header));
            return (scan, Judge.Judge(scan.Lines, header));
        }
        finally
        {
            _readers.Return(reader);
        }
    }

    /// <summary>
    /// Builds the judge on a thread of its own at the first file read (the built-in one compiles its patterns: about 30
    /// ms), while that file's lines are prepared and read; built at the first judgement instead, it held up that file
    /// and every other worker thread waiting for it, with the OCR engines idle.
    /// </summary>
    private void StartJudge()
    {
        if (_judge.IsValueCreated || Interlocked.Exchange(ref _judgeStarted, 1) != 0) return;
        new Thread(() =>
        {
            try
            {
                _ = _judge.Value;
            }
            catch (Exception)
            {
                // Kept by the Lazy: the first file judged gets the same exception.
            }
        }) { IsBackground = true, Name = "PHI judge" }.Start();
    }

    public void Dispose() => _readers.Dispose();
}
