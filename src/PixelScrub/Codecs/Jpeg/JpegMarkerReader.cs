using System.Buffers.Binary;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Walks the marker segments of a code stream (T.81 B.1.1): reads a marker at the current position, skipping
/// 0xFF fill bytes before it (B.1.1.2), and checks that its length field fits in the data. It does not skip
/// entropy-coded data; after SOS the caller decodes the scan and sets <see cref="Position"/> to the marker
/// where the scan ended (or calls <see cref="SkipEntropyData"/>).
/// </summary>
internal ref struct JpegMarkerReader
{
    private readonly ReadOnlySpan<byte> _data;

    public JpegMarkerReader(ReadOnlySpan<byte> data, int start = 0)
    {
        _data = data;
        Position = start;
    }

    public int Position { get; set; }

    /// <summary>Reads the marker segment at <see cref="Position"/> and moves past it.</summary>
    public JpegSegment Read()
    {
        int p = Position;
        if (p >= _data.Length) JpegThrow.Format("code stream ends before EOI", p);
        if (_data[p] != 0xFF) JpegThrow.Format($"expected a marker, found byte 0x{_data[p]:X2}", p);
        int start = p;
        while (p < _data.Length && _data[p] == 0xFF) p++; // fill bytes (T.81 B.1.1.2)
        if (p >= _data.Length) JpegThrow.Format("code stream ends inside a marker", start);
        byte marker = _data[p];
        if (marker == 0x00) JpegThrow.Format("0xFF00 (stuffed byte) where a marker was expected", start);
        int markerOffset = p - 1;
        p++;
        if (JpegMarker.IsStandalone(marker))
        {
            Position = p;
            return new JpegSegment(marker, markerOffset, p, 0);
        }

        if (p + 2 > _data.Length) JpegThrow.Format($"code stream ends inside the length of marker 0xFF{marker:X2}", markerOffset);
        int length = BinaryPrimitives.ReadUInt16BigEndian(_data[p..]);
        // The length counts itself (T.81 B.1.1.4) and must fit in the bytes that are there.
        if (length < 2) JpegThrow.Format($"marker 0xFF{marker:X2} has length {length}", markerOffset);
        if (p + length > _data.Length) JpegThrow.Format($"marker 0xFF{marker:X2} segment of {length} bytes runs past the end of the data", markerOffset);
        Position = p + length;
        return new JpegSegment(marker, markerOffset, p + 2, length - 2);
    }

    /// <summary>
    /// Moves past entropy-coded data starting at <see cref="Position"/> to the next marker that is not RSTn
    /// (without decoding). Returns false when the data ends without such a marker.
    /// </summary>
    public bool SkipEntropyData()
    {
        int p = Position;
        while (true)
        {
            int i = _data[p..].IndexOf((byte)0xFF);
            if (i < 0) { Position = _data.Length; return false; }
            p += i;
            int q = p + 1;
            while (q < _data.Length && _data[q] == 0xFF) q++;
            if (q >= _data.Length) { Position = _data.Length; return false; }
            byte next = _data[q];
            if (next == 0x00 || JpegMarker.IsRestart(next))
            {
                p = q + 1;
                continue;
            }

            Position = p;
            return true;
        }
    }
}
