namespace PixelScrub.Text.Ocr;

/// <summary>
/// What the engine read in one line image, or that the image was dropped unread as speckle (<see cref="SpeckleFilter"/>).
/// Held by the run's <see cref="OcrCache"/> and handed to every file whose line image has the same key, so never changed.
/// Words only: what they mean is judged per file, against that file's header.
/// </summary>
internal sealed class OcrReading
{
    /// <summary>Dictionary slot, linked-list node and the key, by the runtime's layout on 64 bits (rounded up).</summary>
    private const long EntryBytes = 192;

    /// <summary>An <see cref="OcrWord"/> in the array (reference, box, confidence) and the string's header.</summary>
    private const long WordBytes = 64;

    public static readonly OcrReading Speckle = new([], speckle: true);

    private OcrReading(OcrWord[] words, bool speckle)
    {
        Words = words;
        IsSpeckle = speckle;
        Bytes = EntryBytes + words.Sum(w => WordBytes + 2L * w.Text.Length);
    }

    public OcrReading(IEnumerable<OcrWord> words)
        : this(words.ToArray(), speckle: false)
    {
    }

    public IReadOnlyList<OcrWord> Words { get; }

    /// <summary>Dropped as speckle: not read, no words.</summary>
    public bool IsSpeckle { get; }

    /// <summary>What holding it costs in a cache (an estimate of the managed memory: strings are two bytes a character).</summary>
    public long Bytes { get; }
}
