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

    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private readonly LinkedList<(CropKey Key, OcrReading Reading)> _order = new(); // most recently used first
    private readonly Dictionary<CropKey, LinkedListNode<(CropKey Key, OcrReading Reading)>> _byKey = [];
    private long _bytes;
    private readonly LinkedList<((ContentHash, TextSource) Source, PreparedCrop Crop)> _preparedOrder = new();
    private readonly Dictionary<(ContentHash, TextSource), LinkedListNode<((ContentHash, TextSource) Source, PreparedCrop Crop)>> _prepared = [];
    private int _preparedHits;

    public OcrCache(int maxEntries = DefaultMaxEntries, long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
    }

    public int Count
    {
        get
        {
            lock (_order) return _byKey.Count;
        }
    }

    /// <summary>Bytes held now, by <see cref="OcrReading.Bytes"/>.</summary>
    public long Bytes
    {
        get
        {
            lock (_order) return _bytes;
        }
    }

    public bool TryGet(CropKey key, [MaybeNullWhen(false)] out OcrReading reading)
    {
        lock (_order)
        {
            if (!_byKey.TryGetValue(key, out var node))
            {
                reading = null;
                return false;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            reading = node.Value.Reading;
            return true;
        }
    }

    /// <summary>Keeps <paramref name="reading"/> for <paramref name="key"/> (replacing one two workers read at once).</summary>
    public void Add(CropKey key, OcrReading reading)
    {
        if (reading.Bytes > _maxBytes) return;
        lock (_order)
        {
            if (_byKey.Remove(key, out var old)) Drop(old);
            _byKey[key] = _order.AddFirst((key, reading));
            _bytes += reading.Bytes;
            while ((_byKey.Count > _maxEntries || _bytes > _maxBytes) && _order.Last is { } last)
            {
                _byKey.Remove(last.Value.Key);
                Drop(last);
            }
        }
    }

    /// <summary>Line images prepared in this run, by what they are made from: at most as many as readings are kept.</summary>
    public int PreparedCount
    {
        get
        {
            lock (_preparedOrder) return _prepared.Count;
        }
    }

    /// <summary>How many candidates took an earlier preparation instead of being prepared (for tests and diagnostics).</summary>
    public int PreparedHits
    {
        get
        {
            lock (_preparedOrder) return _preparedHits;
        }
    }

    /// <summary>
    /// What preparing a candidate's line image came to, by what the image is made from (<see cref="LineImage.SourceKey"/>)
    /// and where the candidate was found: a line whose pixels an earlier frame, an earlier pass over the file
    /// (verification after redaction) or another file had takes that outcome and its image key without being prepared
    /// again. Preparing is a function of those alone, so any worker's entry serves every other.
    /// </summary>
    public bool TryGetPrepared((ContentHash, TextSource) source, out PreparedCrop crop)
    {
        lock (_preparedOrder)
        {
            if (!_prepared.TryGetValue(source, out var node))
            {
                crop = default;
                return false;
            }

            _preparedOrder.Remove(node);
            _preparedOrder.AddFirst(node);
            crop = node.Value.Crop;
            _preparedHits++;
            return true;
        }
    }

    /// <summary>Keeps what preparing a candidate came to; the least recently used go past <see cref="DefaultMaxEntries"/> (or the bound given).</summary>
    public void AddPrepared((ContentHash, TextSource) source, PreparedCrop crop)
    {
        lock (_preparedOrder)
        {
            if (_prepared.Remove(source, out var old)) _preparedOrder.Remove(old);
            _prepared[source] = _preparedOrder.AddFirst((source, crop));
            while (_prepared.Count > _maxEntries && _preparedOrder.Last is { } last)
            {
                _prepared.Remove(last.Value.Source);
                _preparedOrder.RemoveLast();
            }
        }
    }

    private void Drop(LinkedListNode<(CropKey Key, OcrReading Reading)> node)
    {
        _order.Remove(node);
        _bytes -= node.Value.Reading.Bytes;
    }
}
