using System.Buffers.Binary;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Writes entropy-coded data MSB first, inserting a 0x00 after every 0xFF byte (T.81 B.1.1.5, F.1.2.3), and
/// plain bytes (marker segments) between scans. Owns a pooled buffer; dispose to return it.
/// </summary>
internal sealed class JpegBitWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private ulong _acc;   // the low _bits bits are pending
    private int _bits;

    public JpegBitWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(64, initialCapacity));
    }

    /// <summary>The bytes written so far (pending bits excluded until <see cref="FlushBits"/>).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public int Length => _length;

    /// <summary>True when no bits are pending (the output is on a byte boundary).</summary>
    public bool IsByteAligned => _bits == 0;

    /// <summary>Writes the low <paramref name="n"/> (0..32) bits of <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(uint value, int n)
    {
        _acc = (_acc << n) | (value & (uint)((1UL << n) - 1));
        _bits += n;
        if (_bits >= 32) EmitBytes();
    }

    private void EmitBytes()
    {
        EnsureCapacity(16);
        byte[] buffer = _buffer;
        int length = _length;
        while (_bits >= 8)
        {
            _bits -= 8;
            byte b = (byte)(_acc >> _bits);
            buffer[length++] = b;
            if (b == 0xFF) buffer[length++] = 0x00;
        }

        _length = length;
    }

    /// <summary>Pads the last byte with one bits (T.81 F.1.2.3) and writes out everything pending.</summary>
    public void FlushBits()
    {
        int pad = (8 - (_bits & 7)) & 7;
        if (pad != 0)
        {
            _acc = (_acc << pad) | (uint)((1 << pad) - 1);
            _bits += pad;
        }

        EmitBytes();
    }

    /// <summary>Writes bytes verbatim (marker segments, copied data). The output must be byte aligned.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (_bits != 0) throw new InvalidOperationException("bit writer is not byte aligned");
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Writes a marker (0xFF, code). The output must be byte aligned.</summary>
    public void WriteMarker(byte marker)
    {
        if (_bits != 0) throw new InvalidOperationException("bit writer is not byte aligned");
        EnsureCapacity(2);
        _buffer[_length++] = 0xFF;
        _buffer[_length++] = marker;
    }

    /// <summary>Writes a big-endian 16-bit value (marker segment fields). The output must be byte aligned.</summary>
    public void WriteUInt16(int value)
    {
        if (_bits != 0) throw new InvalidOperationException("bit writer is not byte aligned");
        EnsureCapacity(2);
        _buffer[_length++] = (byte)(value >> 8);
        _buffer[_length++] = (byte)value;
    }

    public void WriteByte(int value)
    {
        if (_bits != 0) throw new InvalidOperationException("bit writer is not byte aligned");
        EnsureCapacity(1);
        _buffer[_length++] = (byte)value;
    }

    /// <summary>
    /// Copies <paramref name="bitCount"/> entropy bits from <paramref name="reader"/> to this writer at any bit
    /// alignment, re-stuffing as needed: the "bit shift" copy of unchanged entropy data.
    /// </summary>
    public void CopyBits(ref JpegBitReader reader, long bitCount)
    {
        if (bitCount <= 0) return;
        // Both sides on a byte boundary at the start of a segment: the whole bytes are copied verbatim.
        if (_bits == 0 && bitCount >= 64 && reader.TryTakeRawBytes((int)(bitCount >> 3), out var raw))
        {
            WriteBytes(raw);
            bitCount &= 7;
            if (bitCount > 0) WriteBits(reader.ReadBits((int)bitCount), (int)bitCount);
            return;
        }

        // Worst case every output byte is 0xFF and gets a stuffed zero.
        long worst = (bitCount / 8 + 16) * 2;
        if (worst > int.MaxValue - _length) throw new InvalidOperationException("entropy data too large");
        EnsureCapacity((int)worst);
        byte[] buffer = _buffer;
        int length = _length;
        ulong acc = _acc;
        int bits = _bits; // < 32 between calls
        while (bitCount >= 32)
        {
            uint v = reader.ReadBits(32);
            acc = (acc << 32) | v;
            // The 32 bits at positions [bits, bits+32) become whole bytes; emit the top 4 bytes at once when
            // none of them is 0xFF (no stuffing needed).
            uint top = (uint)(acc >> bits);
            uint inv = ~top;
            if (((inv - 0x01010101u) & ~inv & 0x80808080u) == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(length), top);
                length += 4;
            }
            else
            {
                for (int shift = 24; shift >= 0; shift -= 8)
                {
                    byte b = (byte)(top >> shift);
                    buffer[length++] = b;
                    if (b == 0xFF) buffer[length++] = 0x00;
                }
            }

            bitCount -= 32;
        }

        _acc = acc;
        _bits = bits;
        _length = length;
        if (bitCount > 0) WriteBits(reader.ReadBits((int)bitCount), (int)bitCount);
    }

    /// <summary>Discards everything written (keeps the buffer).</summary>
    public void Reset()
    {
        _length = 0;
        _acc = 0;
        _bits = 0;
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        int size = Math.Max(_buffer.Length * 2, _length + extra);
        byte[] bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }
}
