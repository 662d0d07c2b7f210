namespace PixelScrub.Dicom.IO;

/// <summary>
/// Reads data elements from a <see cref="ByteSource"/> (PS3.5 7): implicit/explicit VR, little/big endian, sequences and
/// items of defined and undefined length, encapsulated pixel data. Every declared length is checked against the bytes
/// there before anything is allocated; nesting is bounded; faults DCMTK tolerates are reported as warnings.
/// </summary>
internal sealed class DicomReader
{
    private const uint Undefined = 0xFFFFFFFF;
    private readonly ByteSource _src;
    private readonly DicomReadOptions _options;
    private readonly string? _filePath;   // set when values may stay in the file (not for inflated data)
    private readonly List<string> _warnings;
    private readonly bool _temporaryFile;  // _filePath is a spool deleted with the DicomFile

    public DicomReader(ByteSource source, DicomReadOptions options, string? filePath, List<string> warnings, bool temporaryFile = false)
    {
        _src = source;
        _options = options;
        _filePath = filePath;
        _warnings = warnings;
        _temporaryFile = temporaryFile;
    }

    public PixelDataInfo? StoppedAt { get; private set; }

    /// <summary>The tag of the element header read last (for messages about faults found below the reader).</summary>
    public DicomTag? LastTag { get; private set; }

    /// <summary>Offset (as a file offset) of the element header read last.</summary>
    public long LastTagOffset { get; private set; } = -1;

    /// <summary>
    /// Reads elements into <paramref name="target"/> until <paramref name="end"/> (a stream position; -1 = to the end of
    /// data, or to an item delimiter when <paramref name="untilItemDelimiter"/>). Top-level header-only reading stops
    /// at the pixel data element.
    /// </summary>
    public void ReadDataset(DicomDataset target, bool explicitVR, bool bigEndian, long end, bool untilItemDelimiter, int depth,
        Func<DicomTag, bool>? stopBefore = null)
    {
        if (depth > _options.MaxDepth) throw Error($"sequences nested deeper than {_options.MaxDepth} levels", null);
        Span<byte> head = stackalloc byte[8];
        while (true)
        {
            if (end >= 0 && _src.Position >= end)
            {
                if (_src.Position > end) throw Error("element runs past the end of its item or sequence", null);
                if (untilItemDelimiter) throw Error("item of undefined length has no item delimitation item", null);
                return;
            }

            long elementOffset = _src.Position;
            if (end < 0 && _src.AtEnd)
            {
                if (!untilItemDelimiter) return;
                throw Error("file ends in an item of undefined length that has no item delimitation item", null);
            }

            if (!_src.TryPeek(head[..4]))
            {
                if (end < 0 && !untilItemDelimiter && _src.AtEnd) return;
                throw Error(untilItemDelimiter ? "file ends in an item of undefined length that has no item delimitation item" : "file ends inside an element tag", null);
            }

            var tag = new DicomTag(ByteSource.U16(head, bigEndian), ByteSource.U16(head[2..], bigEndian));
            if (stopBefore is not null && stopBefore(tag)) return;
            _src.Skip(4);
            LastTag = tag;
            LastTagOffset = _src.FileOffset - 4;

            if (tag.Group == 0xFFFE)
            {
                uint len = ReadU32(bigEndian, tag);
                if (tag == DicomTag.ItemDelimitationItem && untilItemDelimiter)
                {
                    if (len != 0) Warn($"item delimitation item at offset {_src.FileOffset - 8} has length {len}, not 0");
                    return;
                }

                throw Error($"unexpected {(tag == DicomTag.ItemDelimitationItem ? "item delimitation item" : tag == DicomTag.SequenceDelimitationItem ? "sequence delimitation item" : "item")} in a dataset", tag, elementOffset);
            }

            DicomVR vr;
            uint length;
            if (explicitVR)
            {
                if (!_src.TryRead(head[..2])) throw Error("file ends inside an element header", tag, elementOffset);
                if (!DicomVR.TryGet(head[0], head[1], out vr))
                {
                    throw Error($"unknown VR \"{Printable(head[0])}{Printable(head[1])}\"", tag, elementOffset);
                }

                if (vr.HasLongLength)
                {
                    if (!_src.TryRead(head[..2])) throw Error("file ends inside an element header", tag, elementOffset);
                    length = ReadU32(bigEndian, tag);
                }
                else
                {
                    if (!_src.TryRead(head[..2])) throw Error("file ends inside an element header", tag, elementOffset);
                    length = ByteSource.U16(head, bigEndian);
                }
            }
            else
            {
                length = ReadU32(bigEndian, tag);
                vr = tag == DicomTag.PixelData ? DicomVR.OW : DicomDictionary.ImplicitVR(tag);
            }

            if (depth == 0 && _options.HeaderOnly && tag.IsPixelData)
            {
                StoppedAt = new PixelDataInfo(tag, vr, elementOffset, _src.Position, length == Undefined ? -1 : length);
                return;
            }

            var element = ReadValue(tag, vr, length, explicitVR, bigEndian, elementOffset, depth, target);
            if (!target.AddRead(element)) throw Error("element appears twice in the same dataset", tag, elementOffset);
        }
    }

    private DicomElement ReadValue(DicomTag tag, DicomVR vr, uint length, bool explicitVR, bool bigEndian, long elementOffset, int depth, DicomDataset parent)
    {
        if (length == Undefined)
        {
            if (vr == DicomVR.SQ) return ReadSequence(tag, vr, -1, explicitVR, bigEndian, elementOffset, depth, parent, false);
            if (tag.IsPixelData && (vr == DicomVR.OB || vr == DicomVR.OW || !explicitVR)) return ReadFragments(tag, vr, bigEndian, elementOffset);
            // PS3.5 6.2.2: UN of undefined length holds a sequence encoded implicit VR little endian; in implicit VR an
            // unknown element of undefined length is a sequence (DCMTK reads both the same way).
            if (vr == DicomVR.UN) return ReadSequence(tag, vr, -1, false, false, elementOffset, depth, parent, explicitVR);
            throw Error($"undefined length is not allowed for VR {vr.Code}", tag, elementOffset);
        }

        if (length > _src.Remaining)
        {
            throw Error($"value length {length} is larger than {BytesLeft()}", tag, elementOffset);
        }

        if (vr == DicomVR.SQ) return ReadSequence(tag, vr, length, explicitVR, bigEndian, elementOffset, depth, parent, false);
        if ((length & 1) == 1) Warn($"odd value length {length} for {tag} at offset {elementOffset + (_src.FileOffset - _src.Position)}");

        ElementValue value;
        if (_filePath is not null && length > _options.LargeValueThreshold)
        {
            value = new FileRangeValue(_filePath, _src.Position, length) { Temporary = _temporaryFile };
            _src.Skip(length);
        }
        else
        {
            var bytes = length == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)length);
            if (!_src.TryRead(bytes)) throw Error($"file ends inside a value of {length} bytes", tag, elementOffset);
            value = ElementValue.FromBytes(bytes);
        }

        return new DicomElement(tag, vr, value) { SourceOffset = elementOffset };
    }

    private DicomSequence ReadSequence(DicomTag tag, DicomVR vr, long length, bool explicitVR, bool bigEndian, long elementOffset, int depth,
        DicomDataset parent, bool implicitItemsInExplicitFile)
    {
        var seq = new DicomSequence(tag, vr, length < 0) { SourceOffset = elementOffset, ItemsImplicitLittleEndian = implicitItemsInExplicitFile };
        long end = length < 0 ? -1 : _src.Position + length;
        Span<byte> head = stackalloc byte[8];
        while (true)
        {
            if (end >= 0)
            {
                if (_src.Position == end) return seq;
                if (_src.Position > end) throw Error("item runs past the end of its sequence", tag, elementOffset);
            }

            long itemOffset = _src.Position;
            if (!_src.TryRead(head)) throw Error("file ends inside a sequence", tag, elementOffset);
            var itemTag = new DicomTag(ByteSource.U16(head, bigEndian), ByteSource.U16(head[2..], bigEndian));
            uint itemLength = ByteSource.U32(head[4..], bigEndian);
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                if (end >= 0) throw Error("sequence delimitation item in a sequence of defined length", tag, itemOffset);
                if (itemLength != 0) Warn($"sequence delimitation item at offset {itemOffset} has length {itemLength}, not 0");
                return seq;
            }

            if (itemTag != DicomTag.Item) throw Error($"expected an item in the sequence, found {itemTag}", tag, itemOffset);
            var item = new DicomDataset(bigEndian, parent) { UndefinedLength = itemLength == Undefined, SourceOffset = itemOffset };
            if (itemLength == Undefined)
            {
                ReadDataset(item, explicitVR, bigEndian, end, true, depth + 1);
            }
            else
            {
                if (itemLength > _src.Remaining || (end >= 0 && _src.Position + itemLength > end))
                {
                    throw Error($"item length {itemLength} runs past the end of the {(end >= 0 && _src.Position + itemLength > end ? "sequence" : _src.LengthIsLimit ? "inflated-size limit" : "file")}", tag, itemOffset);
                }

                ReadDataset(item, explicitVR, bigEndian, _src.Position + itemLength, false, depth + 1);
            }

            seq.Items.Add(item);
        }
    }

    private DicomFragments ReadFragments(DicomTag tag, DicomVR vr, bool bigEndian, long elementOffset)
    {
        Span<byte> head = stackalloc byte[8];
        ElementValue? offsetTable = null;
        var fragments = new List<ElementValue>();
        var offsets = new List<long>();
        long firstFragmentItem = -1;
        while (true)
        {
            long itemOffset = _src.Position;
            if (!_src.TryRead(head)) throw Error("file ends inside encapsulated pixel data (no sequence delimitation item)", tag, elementOffset);
            var itemTag = new DicomTag(ByteSource.U16(head, bigEndian), ByteSource.U16(head[2..], bigEndian));
            uint len = ByteSource.U32(head[4..], bigEndian);
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                if (len != 0) Warn($"sequence delimitation item at offset {itemOffset} has length {len}, not 0");
                break;
            }

            if (itemTag != DicomTag.Item) throw Error($"expected a fragment item in encapsulated pixel data, found {itemTag}", tag, itemOffset);
            if (len == Undefined) throw Error("fragment item of undefined length (PS3.5 A.4 requires a defined length)", tag, itemOffset);
            if (len > _src.Remaining) throw Error($"fragment length {len} is larger than {BytesLeft()}", tag, itemOffset);
            if ((len & 1) == 1) Warn($"odd fragment length {len} at offset {itemOffset}");
            ElementValue value;
            if (_filePath is not null && len > _options.LargeValueThreshold)
            {
                value = new FileRangeValue(_filePath, _src.Position, len) { Temporary = _temporaryFile };
                _src.Skip(len);
            }
            else
            {
                var bytes = len == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)len);
                if (!_src.TryRead(bytes)) throw Error("file ends inside a fragment", tag, itemOffset);
                value = ElementValue.FromBytes(bytes);
            }

            if (offsetTable is null)
            {
                offsetTable = value;
                continue;
            }

            if (firstFragmentItem < 0) firstFragmentItem = itemOffset;
            offsets.Add(itemOffset - firstFragmentItem);
            fragments.Add(value);
        }

        if (offsetTable is null) throw Error("encapsulated pixel data has no Basic Offset Table item (PS3.5 A.4)", tag, elementOffset);
        return new DicomFragments(tag, vr, offsetTable, fragments, offsets) { SourceOffset = elementOffset };
    }

    private uint ReadU32(bool bigEndian, DicomTag tag)
    {
        Span<byte> b = stackalloc byte[4];
        if (!_src.TryRead(b)) throw Error("file ends inside an element header", tag);
        return ByteSource.U32(b, bigEndian);
    }

    private void Warn(string message) => _warnings.Add(message);

    private string BytesLeft() => _src.LengthIsLimit
        ? $"the {_src.Remaining} bytes left under the inflated-size limit of {_src.Length} bytes"
        : $"the {_src.Remaining} bytes left";

    private DicomFormatException Error(string message, DicomTag? tag, long? position = null) =>
        new(message, position is long p ? p + (_src.FileOffset - _src.Position) : _src.FileOffset, tag?.Value);

    private static string Printable(byte b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}";
}
