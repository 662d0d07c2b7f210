using System.Buffers.Binary;
using System.Globalization;

namespace PixelScrub.Dicom;

/// <summary>
/// An ordered set of data elements: the main dataset, the file meta group, or a sequence item. Elements keep the
/// order they were read in (the writer writes them in that order); lookups are by tag. Getters never change state.
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> _elements = [];
    private readonly Dictionary<uint, int> _index = [];
    private bool _sorted = true;
    private DicomText? _ownCharacterSet; // decoded (0008,0005) of this dataset; null until asked for or after it changes

    public DicomDataset(bool bigEndian = false, DicomDataset? parent = null)
    {
        BigEndian = bigEndian;
        Parent = parent;
    }

    /// <summary>Values are encoded big endian (Explicit VR Big Endian).</summary>
    public bool BigEndian { get; internal set; }

    /// <summary>The dataset holding the sequence this item belongs to (for character set inheritance).</summary>
    public DicomDataset? Parent { get; internal set; }

    /// <summary>For items: encoded with undefined length and an item delimitation item.</summary>
    public bool UndefinedLength { get; set; }

    /// <summary>Offset of the item header (items) in the source, or -1.</summary>
    public long SourceOffset { get; init; } = -1;

    /// <summary>Set by any change through the API; lengths that were taken from the source are then recomputed.</summary>
    public bool IsModified { get; private set; }

    public int Count => _elements.Count;

    public DicomElement this[int index] => _elements[index];

    /// <summary>Adds an element as read (at the end, in source order). Duplicates are an error the reader reports.</summary>
    internal bool AddRead(DicomElement element)
    {
        if (!_index.TryAdd(element.Tag.Value, _elements.Count)) return false;
        if (_elements.Count > 0 && _elements[^1].Tag.Value > element.Tag.Value) _sorted = false;
        if (element.Tag == DicomTag.SpecificCharacterSet) _ownCharacterSet = null;
        _elements.Add(element);
        return true;
    }

    /// <summary>Whether elements were in ascending tag order in the source (PS3.5 7.1 requires it).</summary>
    public bool InAscendingOrder => _sorted;

    public bool Contains(DicomTag tag) => _index.ContainsKey(tag.Value);

    public DicomElement? Get(DicomTag tag) => _index.TryGetValue(tag.Value, out var i) ? _elements[i] : null;

    /// <summary>Inserts or replaces an element, keeping ascending order for new tags.</summary>
    public void Set(DicomElement element)
    {
        MarkModified();
        if (_index.TryGetValue(element.Tag.Value, out var i))
        {
            _elements[i] = element;
            return;
        }

        int pos = _elements.Count;
        while (pos > 0 && _elements[pos - 1].Tag.Value > element.Tag.Value) pos--;
        _elements.Insert(pos, element);
        Reindex();
    }

    /// <summary>Removes an element; true when it was there.</summary>
    public bool Remove(DicomTag tag)
    {
        if (!_index.TryGetValue(tag.Value, out var i)) return false;
        MarkModified();
        _elements.RemoveAt(i);
        Reindex();
        return true;
    }

    /// <summary>Removes every element matching a predicate; returns how many.</summary>
    public int RemoveAll(Func<DicomElement, bool> predicate)
    {
        int n = _elements.RemoveAll(e => predicate(e));
        if (n > 0)
        {
            MarkModified();
            Reindex();
        }

        return n;
    }

    /// <summary>Sets a text element from strings (joined with backslash, padded to even length per the VR).</summary>
    public void SetString(DicomTag tag, DicomVR vr, params string[] values)
    {
        var text = string.Join('\\', values);
        var bytes = (vr.UsesCharacterSet ? CharacterSet : DicomText.Default).Encode(text, vr);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr.Padding;
        }

        Set(new DicomElement(tag, vr, ElementValue.FromBytes(bytes)));
    }

    /// <summary>Sets a US element.</summary>
    public void SetUInt16(DicomTag tag, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), values[i]);
            else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        Set(new DicomElement(tag, DicomVR.US, ElementValue.FromBytes(bytes)));
    }

    internal void MarkModified()
    {
        _ownCharacterSet = null; // any change may have replaced (0008,0005)
        for (var d = this; d is not null; d = d.Parent) d.IsModified = true;
    }

    private void Reindex()
    {
        _index.Clear();
        _sorted = true;
        for (int i = 0; i < _elements.Count; i++)
        {
            _index[_elements[i].Tag.Value] = i;
            if (i > 0 && _elements[i - 1].Tag.Value > _elements[i].Tag.Value) _sorted = false;
        }
    }

    /// <summary>The character set in force here: this dataset's (0008,0005), else the parent's, else the default repertoire.</summary>
    public DicomText CharacterSet
    {
        get
        {
            var e = Get(DicomTag.SpecificCharacterSet);
            if (e is not null && e.Value.IsInMemory)
            {
                return _ownCharacterSet ??= DicomText.FromSpecificCharacterSet(DicomText.Default.DecodeValues(e.Value.GetBytes().Span, DicomVR.CS));
            }

            return Parent?.CharacterSet ?? DicomText.Default;
        }
    }

    /// <summary>
    /// The values of an element as text: null when missing, empty when present with no value. Strings are decoded with
    /// the Specific Character Set and stripped of padding; binary numbers are formatted invariantly; AT as GGGGEEEE;
    /// bulk data (OB, OW, UN...) and sequences give null values only through <see cref="Contains"/> (they return []).
    /// </summary>
    public string[]? GetValues(DicomTag tag)
    {
        var e = Get(tag);
        if (e is null) return null;
        return ValuesOf(e);
    }

    /// <summary>The values joined with a backslash; null when missing.</summary>
    public string? GetString(DicomTag tag)
    {
        var v = GetValues(tag);
        return v is null ? null : string.Join('\\', v);
    }

    /// <summary>The values of a PN element as person names (component groups and components); null when missing.</summary>
    public IReadOnlyList<DicomPersonName>? GetPersonNames(DicomTag tag) => GetValues(tag)?.Select(DicomPersonName.Parse).ToArray();

    /// <summary>The items of a sequence element; null when missing or not a sequence.</summary>
    public IReadOnlyList<DicomDataset>? GetItems(DicomTag tag) => Get(tag) is DicomSequence s ? s.Items : null;

    /// <summary>The first value as an integer (IS, US, SS, UL, SL...); null when missing, empty or not a number.</summary>
    public long? GetInteger(DicomTag tag, int index = 0)
    {
        var v = GetValues(tag);
        if (v is null || index >= v.Length) return null;
        return long.TryParse(v[index].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n :
            double.TryParse(v[index].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : null;
    }

    /// <summary>The value at an index as a double (DS, FL, FD, IS, integers); null when missing or not a number.</summary>
    public double? GetDouble(DicomTag tag, int index = 0)
    {
        var v = GetValues(tag);
        if (v is null || index >= v.Length) return null;
        return double.TryParse(v[index].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>
    /// Finds the tag of a private element by its creator (PS3.5 7.8.1): the block (gggg,00xx) whose value is the creator
    /// gives element (gggg,xxee).
    /// </summary>
    public bool TryFindPrivateTag(ushort group, string creator, byte element, out DicomTag tag)
    {
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var c = GetString(new DicomTag(group, block));
            if (c is not null && string.Equals(c.Trim(), creator.Trim(), StringComparison.Ordinal))
            {
                tag = new DicomTag(group, (ushort)((block << 8) | element));
                return true;
            }
        }

        tag = default;
        return false;
    }

    /// <summary>Decodes an element's values (see <see cref="GetValues"/>).</summary>
    public string[] ValuesOf(DicomElement e)
    {
        if (e is DicomSequence or DicomFragments) return [];
        var vr = e.VR;
        if (vr.Kind is VRKind.Bulk) return [];
        if (!e.Value.IsInMemory && e.Value.Length > 1 << 20) return [];
        var bytes = e.Value.GetBytes().Span;
        if (bytes.Length == 0) return [];
        return vr.Kind switch
        {
            VRKind.Binary => DicomText.FormatBinary(bytes, vr, BigEndian),
            _ => (vr.UsesCharacterSet ? CharacterSet : DicomText.Default).DecodeValues(bytes, vr),
        };
    }

    /// <summary>
    /// A copy that later changes to this dataset do not reach: the element list and every sequence's items are copied
    /// (values are immutable and shared). Used to keep the original header while another stage edits the file.
    /// </summary>
    public DicomDataset Copy(DicomDataset? parent = null)
    {
        var copy = new DicomDataset(BigEndian, parent) { UndefinedLength = UndefinedLength, SourceOffset = SourceOffset };
        foreach (var e in _elements)
        {
            if (e is DicomSequence sq)
            {
                var s = new DicomSequence(sq.Tag, sq.VR, sq.UndefinedLength) { ItemsImplicitLittleEndian = sq.ItemsImplicitLittleEndian, SourceOffset = sq.SourceOffset };
                foreach (var item in sq.Items) s.Items.Add(item.Copy(copy));
                copy.AddRead(s);
            }
            else
            {
                copy.AddRead(e);
            }
        }

        copy._sorted = _sorted;
        return copy;
    }

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
