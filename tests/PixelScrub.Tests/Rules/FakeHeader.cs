using PixelScrub.Dicom;
using PixelScrub.Rules;

namespace PixelScrub.Tests.Rules;

/// <summary>A synthetic header for rule tests: elements by keyword or tag, sequences, private creators.</summary>
internal sealed class FakeHeader : IHeaderValues
{
    private readonly Dictionary<uint, string[]> _values = [];
    private readonly Dictionary<uint, List<IHeaderValues>> _items = [];

    public static uint Tag(string keyword) =>
        DicomDictionary.TryGetTag(keyword, out var t) ? t.Value : throw new ArgumentException($"unknown keyword {keyword}");

    /// <summary>Sets an element; several values make it multi-valued.</summary>
    public FakeHeader Set(string keyword, params string[] values) => Set(Tag(keyword), values);

    public FakeHeader Set(uint tag, params string[] values)
    {
        _values[tag] = values;
        return this;
    }

    public FakeHeader Remove(string keyword)
    {
        _values.Remove(Tag(keyword));
        _items.Remove(Tag(keyword));
        return this;
    }

    public FakeHeader AddItem(string sequenceKeyword, FakeHeader item)
    {
        uint t = Tag(sequenceKeyword);
        if (!_items.TryGetValue(t, out var list)) _items[t] = list = [];
        list.Add(item);
        return this;
    }

    public FakeHeader Clone()
    {
        var c = new FakeHeader();
        foreach (var (k, v) in _values) c._values[k] = v;
        foreach (var (k, v) in _items) c._items[k] = [.. v];
        return c;
    }

    public string[]? GetValues(uint tag)
    {
        if (_values.TryGetValue(tag, out var v)) return v;
        return _items.ContainsKey(tag) ? [] : null;
    }

    public IReadOnlyList<IHeaderValues>? GetItems(uint tag) => _items.TryGetValue(tag, out var list) ? list : null;

    public bool TryFindPrivateTag(ushort group, string creator, byte element, out uint tag)
    {
        for (uint block = 0x10; block <= 0xFF; block++)
        {
            if (_values.TryGetValue(((uint)group << 16) | block, out var v) && v.Length == 1 && v[0] == creator)
            {
                tag = ((uint)group << 16) | (block << 8) | element;
                return true;
            }
        }

        tag = 0;
        return false;
    }
}
