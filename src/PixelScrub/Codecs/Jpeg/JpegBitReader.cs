using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Reads entropy-coded data MSB first (T.81 F.2.2.5), removing the 0x00 stuffed after every 0xFF data byte
/// (T.81 B.1.1.5) and stopping at the first marker. Past a marker (or the end of the bytes) it supplies zero
/// bits but counts them, so a caller can tell that a segment ended early (<see cref="Overrun"/>) instead of
/// decoding invented data. A copy of the struct is a snapshot of the position.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;          // next byte to load
    private ulong _acc;        // the low _count bits are unread
    private int _count;
    private long _realBits;    // bits loaded from data bytes since the start
    private long _phantomBits; // zero bits supplied after the marker or end
    private bool _atMarker;

    /// <summary>A reader over <paramref name="data"/> starting at byte <paramref name="start"/>.</summary>
    public JpegBitReader(ReadOnlySpan<byte> data, int start)
    {
        _data = data;
        _pos = start;
        _acc = 0;
        _count = 0;
        _realBits = 0;
        _phantomBits = 0;
        _atMarker = false;
    }

    /// <summary>Bits consumed since the start (the unstuffed bit position).</summary>
    public readonly long BitPosition => _realBits + _phantomBits - _count;

    /// <summary>True when more bits were consumed than the segment holds: the data ended early.</summary>
    public readonly bool Overrun => BitPosition > _realBits;

    /// <summary>True once loading stopped at a marker or at the end of the data.</summary>
    public readonly bool AtMarker => _atMarker;

    /// <summary>
    /// When <see cref="AtMarker"/>: the offset of the 0xFF that begins the marker (or the data length when the
    /// data ended without one). Otherwise the next byte to load.
    /// </summary>
    public readonly int BytePosition => _pos;

    /// <summary>The offset of the byte holding the next unread bit, as far as it can be told (for messages).</summary>
    public readonly long ApproximateByteOffset => Math.Max(0, _pos - Math.Max(0, _realBits - BitPosition) / 8);

    /// <summary>Ensures at least <paramref name="n"/> (at most 57) bits are buffered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureBits(int n)
    {
        if (_count < n) Fill();
    }

    private void Fill()
    {
        ReadOnlySpan<byte> data = _data;
        // Fast path: eight bytes at once when none of them is 0xFF (so no stuffing and no marker).
        if (!_atMarker && _pos + 8 <= data.Length)
        {
            ulong v = BinaryPrimitives.ReadUInt64BigEndian(data[_pos..]);
            ulong inv = ~v; // a 0xFF byte in v is a zero byte here
            if (((inv - 0x0101010101010101UL) & ~inv & 0x8080808080808080UL) == 0)
            {
                int take = (64 - _count) >> 3; // whole bytes that fit
                _acc = take == 8 ? v : (_acc << (take * 8)) | (v >> (64 - take * 8));
                _count += take * 8;
                _realBits += take * 8;
                _pos += take;
                return;
            }
        }

        while (_count <= 56)
        {
            if (!_atMarker && (uint)_pos < (uint)data.Length)
            {
                byte b = data[_pos];
                if (b != 0xFF)
                {
                    _pos++;
                }
                else if ((uint)(_pos + 1) < (uint)data.Length && data[_pos + 1] == 0x00)
                {
                    _pos += 2; // stuffed zero byte (T.81 F.1.2.3)
                }
                else
                {
                    _atMarker = true; // a marker (or fill bytes before one, or a lone 0xFF at the end)
                    continue;
                }

                _acc = (_acc << 8) | b;
                _count += 8;
                _realBits += 8;
            }
            else
            {
                _atMarker = true;
                _acc <<= 8;
                _count += 8;
                _phantomBits += 8;
            }
        }
    }

    /// <summary>
    /// When nothing has been read yet (the reader sits on a byte boundary at the start of a segment) and the
    /// first <paramref name="unstuffedBytes"/> data bytes lie before any marker: the raw (still stuffed) bytes
    /// holding them, and the reader moved past them. Lets a writer copy them verbatim instead of bit by bit.
    /// </summary>
    internal bool TryTakeRawBytes(int unstuffedBytes, out ReadOnlySpan<byte> raw)
    {
        raw = default;
        if (_count != 0 || _realBits != 0 || _atMarker) return false;
        ReadOnlySpan<byte> data = _data;
        int p = _pos;
        int left = unstuffedBytes;
        while (left > 0)
        {
            if (p >= data.Length) return false;
            int window = Math.Min(left, data.Length - p);
            int ff = data.Slice(p, window).IndexOf((byte)0xFF);
            if (ff < 0)
            {
                p += window;
                left -= window;
                continue;
            }

            p += ff;
            left -= ff;
            if (p + 1 >= data.Length || data[p + 1] != 0x00) return false; // a marker: not plain data
            p += 2; // 0xFF and its stuffed zero: one data byte
            left--;
        }

        raw = data[_pos..p];
        _pos = p;
        _realBits = 8L * unstuffedBytes;
        return true;
    }

    /// <summary>The bit buffer, for a hot loop that keeps it in locals (see <see cref="JpegBlockCoder"/>).</summary>
    internal readonly ulong BufferBits => _acc;

    /// <summary>Number of valid bits in <see cref="BufferBits"/>.</summary>
    internal readonly int BufferCount => _count;

    /// <summary>Takes the bit buffer back from a hot loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetBuffer(ulong acc, int count)
    {
        _acc = acc;
        _count = count;
    }

    /// <summary>
    /// Refills a hot loop's bit buffer to at least 57 bits. Returns the buffer as values (not through refs),
    /// so the caller's locals can stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal (ulong Acc, int Count) Refill(ulong acc, int count)
    {
        _acc = acc;
        _count = count;
        Fill();
        return (_acc, _count);
    }

    /// <summary>The next <paramref name="n"/> (1..32) bits without consuming them; needs EnsureBits(n) first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly uint PeekUnchecked(int n) => (uint)(_acc >> (_count - n)) & (uint)((1UL << n) - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SkipUnchecked(int n) => _count -= n;

    /// <summary>Reads <paramref name="n"/> (0..32) bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadBits(int n)
    {
        if (n == 0) return 0;
        if (_count < n) Fill();
        uint v = PeekUnchecked(n);
        _count -= n;
        return v;
    }

    /// <summary>RECEIVE then EXTEND (T.81 F.2.2.1, Figure F.12): a signed value of category <paramref name="s"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int s)
    {
        if (s == 0) return 0;
        int v = (int)ReadBits(s);
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    /// <summary>
    /// True when the reader has consumed everything before the next marker except the padding of the last
    /// byte (fewer than 8 bits, T.81 F.1.2.3), and the data did not end early. Call after the last MCU of a
    /// restart interval or scan.
    /// </summary>
    public bool AtSegmentEnd()
    {
        if (!_atMarker) Fill();
        return _atMarker && !Overrun && _realBits - BitPosition < 8;
    }
}
