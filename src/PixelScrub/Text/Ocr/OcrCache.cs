using System.Diagnostics.CodeAnalysis;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// OCR readings by <see cref="CropKey"/>, shared by every worker of a run: the lines a cine repeats from frame to frame, a
/// file's lines read again by verification, and the lines the files of one exam share (the patient band, the settings,
/// the probe name) are read once. Thread-safe. Bounded by entries and by bytes (<see cref="OcrReading.Bytes"/>): the least
/// recently used readings are dropped first, and a reading larger than the whole byte bound is not kept. A dropped reading
/// is read again when next needed, so the bound costs time, never findings.
/// </summary>
internal sealed class OcrCache
{
    /// <summary>Readings kept at most by default: an exam of a few hundred images at ~50 lines each.</summary>
    public const int DefaultMaxEntries = 16_384;

    /// <summary>Bytes kept at most by default (a usual reading costs 250-600 bytes).</summary>
    public const long DefaultMaxBytes = 16L << 20;

    private readonly LruMap<CropKey, OcrReading> _readings;
    private readonly LruMap<(ContentHash, TextSource), PreparedCrop> _prepared;
    private int _preparedHits;

    public OcrCache(int maxEntries = DefaultMaxEntries, long maxBytes = DefaultMaxBytes)
    {
        _readings = new LruMap<CropKey, OcrReading>(maxEntries, maxBytes, r => r.Bytes);
        _prepared = new LruMap<(ContentHash, TextSource), PreparedCrop>(maxEntries);
    }

    public int Count => _readings.Count;

    /// <summary>Bytes held now, by <see cref="OcrReading.Bytes"/>.</summary>
    public long Bytes => _readings.Weight;

    public bool TryGet(CropKey key, [MaybeNullWhen(false)] out OcrReading reading) => _readings.TryGet(key, out reading);

    /// <summary>Keeps <paramref name="reading"/> for <paramref name="key"/> (replacing one two workers read at once).</summary>
    public void Add(CropKey key, OcrReading reading) => _readings.Add(key, reading);

    /// <summary>Line images prepared in this run, by what they are made from: at most as many as readings are kept.</summary>
    public int PreparedCount => _prepared.Count;

    /// <summary>How many candidates took an earlier preparation instead of being prepared (for tests and diagnostics).</summary>
    public int PreparedHits => Volatile.Read(ref _preparedHits);

    /// <summary>
    /// What preparing a candidate's line image came to, by what the image is made from (<see cref="LineImage.SourceKey"/>)
    /// and where the candidate was found: a line whose pixels an earlier frame, an earlier pass over the file
    /// (verification after redaction) or another file had takes that outcome and its image key without being prepared
    /// again. Preparing is a function of those alone, so any worker's entry serves every other.
    /// </summary>
    public bool TryGetPrepared((ContentHash, TextSource) source, out PreparedCrop crop)
    {
        if (!_prepared.TryGet(source, out crop)) return false;
        Interlocked.Increment(ref _preparedHits);
        return true;
    }

    /// <summary>Keeps what preparing a candidate came to; the least recently used go past the entry bound.</summary>
    public void AddPrepared((ContentHash, TextSource) source, PreparedCrop crop) => _prepared.Add(source, crop);
}
