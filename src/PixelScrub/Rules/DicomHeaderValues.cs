using PixelScrub.Dicom;

namespace PixelScrub.Rules;

/// <summary>
/// <see cref="IHeaderValues"/> over a read DICOM file: the dataset, and the file meta group for group 0002
/// (CTP scripts test ImplementationVersionName, which lives there). Decoded values are cached per instance:
/// rule sets read the same few elements (Modality, Manufacturer, Rows...) many times per header. Not thread-safe;
/// make one per header.
/// </summary>
public sealed class DicomHeaderValues : IHeaderValues
{
    private readonly DicomDataset _dataset;
    private readonly DicomDataset? _meta;
    private Dictionary<uint, string[]?>? _cache;

    public DicomHeaderValues(DicomDataset dataset, DicomDataset? meta = null)
    {
        _dataset = dataset;
        _meta = meta;
    }

    public DicomHeaderValues(DicomFile file) : this(file.Dataset, file.Meta) { }

    public string[]? GetValues(uint tag)
    {
        _cache ??= new Dictionary<uint, string[]?>(32);
        if (_cache.TryGetValue(tag, out var cached)) return cached;
        var t = new DicomTag((ushort)(tag >> 16), (ushort)tag);
        var values = _meta is not null && t.Group == 0x0002 ? _meta.GetValues(t) : _dataset.GetValues(t);
        _cache[tag] = values;
        return values;
    }

    public IReadOnlyList<IHeaderValues>? GetItems(uint tag)
    {
        var items = _dataset.GetItems(new DicomTag((ushort)(tag >> 16), (ushort)tag));
        if (items is null) return null;
        var wrapped = new IHeaderValues[items.Count];
        for (int i = 0; i < wrapped.Length; i++) wrapped[i] = new DicomHeaderValues(items[i]);
        return wrapped;
    }

    public bool TryFindPrivateTag(ushort group, string creator, byte element, out uint tag)
    {
        bool found = _dataset.TryFindPrivateTag(group, creator, element, out var t);
        tag = t.Value;
        return found;
    }
}
