using System.Buffers.Binary;

namespace PixelScrub.Dicom.IO;

/// <summary>
/// Checks, from bytes seen once while a file is copied, that what follows the header is readable as DICOM: the pixel
/// data element (its declared length within the file; for encapsulated data, items up to the sequence delimiter), then
/// every element after it (tag, VR, length within the file; sequences and items of undefined length closed by their
/// delimiters). Values are skipped, never held: memory is a few bytes. For a file whose header-only read stopped at the
/// pixel data (<see cref="PixelDataInfo"/>); deflated files are not checked (their rest is compressed).
/// </summary>
internal sealed class DicomTailCheck
{
    private const uint Item = 0xFFFEE000, ItemDelimiter = 0xFFFEE00D, SequenceDelimiter = 0xFFFEE0DD, Undefined = 0xFFFFFFFF;

    private readonly bool _explicitVR;
    private readonly bool _bigEndian;
    private readonly byte[] _header = new byte[12];
    private long _position;         // file offset of the next byte fed
    private readonly long _start;   // first byte to look at
    private long _skip;             // value bytes still to skip
    private long _valueStart;       // where the value being skipped started (for the message)
    private uint _valueTag;
    private int _have;              // header bytes gathered
    private long _headerOffset;
    private bool _fragments;        // inside encapsulated pixel data: only items and the sequence delimiter
    private int _open;              // sequences and items of undefined length not yet closed

    public DicomTailCheck(PixelDataInfo pixelData, TransferSyntax syntax)
    {
        _explicitVR = syntax.IsExplicitVR;
        _bigEndian = syntax.IsBigEndian;
        _start = pixelData.ValueOffset;
        _valueTag = (uint)pixelData.Tag.Group << 16 | pixelData.Tag.Element;
        _valueStart = pixelData.ValueOffset;
        if (pixelData.IsEncapsulated) _fragments = true;
        else _skip = pixelData.Length;
    }

    /// <summary>The first fault found (with its offset and tag), or null while all is well.</summary>
    public string? Problem { get; private set; }

    /// <summary>Looks at the next bytes of the file (fed in order from offset 0).</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        long end = _position + bytes.Length;
        if (Problem is not null || end <= _start)
        {
            _position = end;
            return;
        }

        if (_position < _start)
        {
            bytes = bytes[(int)(_start - _position)..];
            _position = _start;
        }

        while (!bytes.IsEmpty && Problem is null)
        {
            if (_skip > 0)
            {
                int n = (int)Math.Min(_skip, bytes.Length);
                _skip -= n;
                _position += n;
                bytes = bytes[n..];
                continue;
            }

            if (_have == 0) _headerOffset = _position;
            int need = HeaderLength();
            int take = Math.Min(need - _have, bytes.Length);
            bytes[..take].CopyTo(_header.AsSpan(_have));
            _have += take;
            _position += take;
            bytes = bytes[take..];
            if (_have < need || HeaderLength() > _have) continue;
            Element();
            _have = 0;
        }

        _position = end;
    }

    /// <summary>Call at the end of the file: the fault, or null when the rest read as DICOM.</summary>
    public string? Finish()
    {
        if (Problem is not null) return Problem;
        if (_skip > 0) return $"the value of {Tag(_valueTag)} at offset {_valueStart} runs {_skip} bytes past the end of the file";
        if (_have > 0) return $"the file ends inside an element header at offset {_headerOffset}";
        if (_fragments) return "the file ends inside the encapsulated pixel data (no sequence delimiter)";
        if (_open > 0) return $"the file ends inside {_open} sequence(s) or item(s) of undefined length";
        return null;
    }

    /// <summary>Bytes of the element header being gathered: 8, or 12 for explicit VR with a 4-byte length.</summary>
    private int HeaderLength()
    {
        if (_have < 6 || _fragments || !_explicitVR) return 8;
        if (U16(0) == 0xFFFE) return 8;
        return DicomVR.TryGet(_header[4], _header[5], out var vr) && vr.HasLongLength ? 12 : 8;
    }

    private void Element()
    {
        uint tag = (uint)U16(0) << 16 | U16(2);
        if (_fragments)
        {
            // PS3.5 A.4: items (fragments) of defined length, closed by a sequence delimiter; always little endian.
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4));
            if (tag == SequenceDelimiter) _fragments = false;
            else if (tag != Item) Problem = $"expected a fragment item in the pixel data at offset {_headerOffset}, found {Tag(tag)}";
            else if (length == Undefined) Problem = $"a pixel data fragment of undefined length at offset {_headerOffset}";
            else Skip(tag, length);
            return;
        }

        if (tag >> 16 == 0xFFFE)
        {
            uint length = U32(4);
            if (tag == Item)
            {
                if (length == Undefined) _open++;
                else Skip(tag, length);
            }
            else if (tag is ItemDelimiter or SequenceDelimiter)
            {
                if (--_open < 0) Problem = $"a delimiter {Tag(tag)} at offset {_headerOffset} closes nothing";
            }
            else
            {
                Problem = $"an unknown item tag {Tag(tag)} at offset {_headerOffset}";
            }

            return;
        }

        uint valueLength;
        if (_explicitVR)
        {
            if (!DicomVR.TryGet(_header[4], _header[5], out var vr))
            {
                Problem = $"no valid VR for {Tag(tag)} at offset {_headerOffset} (bytes {_header[4]:X2} {_header[5]:X2})";
                return;
            }

            valueLength = vr.HasLongLength ? U32(8) : U16(6);
        }
        else
        {
            valueLength = U32(4);
        }

        if (valueLength == Undefined) _open++;
        else Skip(tag, valueLength);
    }

    private void Skip(uint tag, uint length)
    {
        _valueTag = tag;
        _valueStart = _position;
        _skip = length;
    }

    private ushort U16(int at) => _bigEndian && !_fragments ? BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(_header.AsSpan(at));

    private uint U32(int at) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(at));

    private static string Tag(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";
}
