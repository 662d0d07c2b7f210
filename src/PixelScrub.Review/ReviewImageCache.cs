using PixelScrub.Dicom;
using PixelScrub.Imaging;

namespace PixelScrub.Review;

/// <summary>
/// The files the page is looking at, read (and for a preview, cleaned) once, not once per frame: a least recently used
/// cache bounded by bytes. An entry's cost is the bytes it holds in memory (values read into memory, a preview's cleaned
/// pixels) plus a fixed allowance for the parsed header; values left in the file cost nothing here. Entries are keyed by
/// path, size and modification time (an applied decision rewrites OUT's file, which gives a new key) and by the regions a
/// preview was cleaned with. An entry dropped while a request still renders from it is disposed when that request ends.
/// Requests for a key being loaded wait for that one load (a frame strip asks for every frame of a new file at once); a
/// load that fails is forgotten, so the next request tries again.
/// </summary>
internal sealed class ReviewImageCache(long maxBytes) : IDisposable
{
    /// <summary>What a parsed header is counted as, beyond the values it holds in memory.</summary>
    private const long HeaderBytes = 64 << 10;

    private readonly LinkedList<Entry> _order = new(); // most recently used first
    private readonly Dictionary<Key, LinkedListNode<Entry>> _byKey = [];
    private readonly Dictionary<Key, Loading> _loading = [];
    private long _bytes;
    private int _loads;

    /// <summary>Path, size, modification time, and the preview's regions ("" for the file as it is).</summary>
    public readonly record struct Key(string Path, long Length, long Modified, string Regions);

    /// <summary>Bytes held now (by the estimate above).</summary>
    public long Bytes
    {
        get
        {
            lock (_order) return _bytes;
        }
    }

    public int Count
    {
        get
        {
            lock (_order) return _byKey.Count;
        }
    }

    /// <summary>How many times a file was read (loads started), whether kept or not.</summary>
    public int Loads => Volatile.Read(ref _loads);

    /// <summary>The image for <paramref name="key"/>, loaded by <paramref name="load"/> when not held; dispose the lease when done.</summary>
    public Lease Get(Key key, Func<DicomFile> load)
    {
        Loading? loading;
        lock (_order)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                node.Value.Users++;
                return new Lease(this, node.Value);
            }

            if (!_loading.TryGetValue(key, out loading)) _loading[key] = loading = new Loading(() => Load(key, load));
            loading.Users++;
        }

        // Loaded outside the lock, once for every request that came while it was loading.
        Entry entry;
        try
        {
            entry = loading.Entry.Value;
        }
        catch
        {
            lock (_order)
            {
                if (_loading.TryGetValue(key, out var current) && current == loading) _loading.Remove(key);
            }

            throw;
        }

        lock (_order)
        {
            // The first request back keeps the entry (or marks it too large to keep), counting every waiter as a user.
            if (_loading.TryGetValue(key, out var current) && current == loading)
            {
                _loading.Remove(key);
                entry.Users = loading.Users;
                if (entry.Bytes <= maxBytes && !_byKey.ContainsKey(key))
                {
                    _byKey[key] = _order.AddFirst(entry);
                    _bytes += entry.Bytes;
                    while (_bytes > maxBytes && _order.Last is { } last) Drop(last);
                }
                else
                {
                    entry.Dropped = true; // too large to keep, or kept already: used by these requests only
                }
            }
        }

        return new Lease(this, entry);
    }

    private Entry Load(Key key, Func<DicomFile> load)
    {
        Interlocked.Increment(ref _loads);
        var file = load();
        try
        {
            return new Entry(key, file, DicomImage.FromFile(file), Cost(file));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static long Cost(DicomFile file)
    {
        long bytes = HeaderBytes;
        foreach (var e in file.Dataset)
        {
            if (e is DicomFragments f) bytes += f.Fragments.Where(v => v.IsInMemory).Sum(v => v.Length);
            else if (e.Value.IsInMemory) bytes += e.Value.Length;
        }

        return bytes;
    }

    /// <summary>Under the lock: forgets an entry; it is disposed now, or by the last request still using it.</summary>
    private void Drop(LinkedListNode<Entry> node)
    {
        _order.Remove(node);
        _byKey.Remove(node.Value.Key);
        _bytes -= node.Value.Bytes;
        node.Value.Dropped = true;
        if (node.Value.Users == 0) node.Value.File.Dispose();
    }

    private void Release(Entry entry)
    {
        lock (_order)
        {
            if (--entry.Users == 0 && entry.Dropped) entry.File.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_order)
        {
            while (_order.First is { } first) Drop(first);
        }
    }

    internal sealed class Entry(Key key, DicomFile file, DicomImage image, long bytes)
    {
        public Key Key { get; } = key;
        public DicomFile File { get; } = file;
        public DicomImage Image { get; } = image;
        public long Bytes { get; } = bytes;
        public int Users { get; set; }
        public bool Dropped { get; set; }
    }

    /// <summary>A load in flight and how many requests wait for it.</summary>
    private sealed class Loading(Func<Entry> load)
    {
        public Lazy<Entry> Entry { get; } = new(load, LazyThreadSafetyMode.ExecutionAndPublication);
        public int Users { get; set; }
    }

    /// <summary>One request's use of an entry.</summary>
    internal readonly struct Lease(ReviewImageCache cache, Entry entry) : IDisposable
    {
        public DicomImage Image => entry.Image;

        public void Dispose() => cache.Release(entry);
    }
}
