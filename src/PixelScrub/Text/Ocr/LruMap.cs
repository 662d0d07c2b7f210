using System.Diagnostics.CodeAnalysis;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// A thread-safe map bounded by entries and by the total weight of its values: the least recently used entries go
/// first, and a value heavier than the whole bound is not kept. What <see cref="OcrCache"/> keeps its readings and
/// preparations in.
/// </summary>
internal sealed class LruMap<TKey, TValue>
    where TKey : notnull
{
    private readonly int _maxEntries;
    private readonly long _maxWeight;
    private readonly Func<TValue, long> _weight;
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new(); // most recently used first
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _byKey = [];
    private long _total;

    /// <param name="weight">a value's weight (at least 0); null: every value weighs nothing, and only entries bound the map</param>
    public LruMap(int maxEntries, long maxWeight = long.MaxValue, Func<TValue, long>? weight = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWeight);
        _maxEntries = maxEntries;
        _maxWeight = maxWeight;
        _weight = weight ?? (_ => 0);
    }

    public int Count
    {
        get
        {
            lock (_order) return _byKey.Count;
        }
    }

    /// <summary>The total weight of the values held.</summary>
    public long Weight
    {
        get
        {
            lock (_order) return _total;
        }
    }

    /// <summary>The value for <paramref name="key"/>, which becomes the most recently used.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_order)
        {
            if (!_byKey.TryGetValue(key, out var node))
            {
                value = default;
                return false;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
    }

    /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/> (replacing what it had), then drops the least recently used past the bounds.</summary>
    public void Add(TKey key, TValue value)
    {
        long weight = _weight(value);
        if (weight > _maxWeight) return;
        lock (_order)
        {
            if (_byKey.Remove(key, out var old)) Drop(old);
            _byKey[key] = _order.AddFirst((key, value));
            _total += weight;
            while ((_byKey.Count > _maxEntries || _total > _maxWeight) && _order.Last is { } last)
            {
                _byKey.Remove(last.Value.Key);
                Drop(last);
            }
        }
    }

    private void Drop(LinkedListNode<(TKey Key, TValue Value)> node)
    {
        _order.Remove(node);
        _total -= _weight(node.Value.Value);
    }
}
