using System.Buffers.Binary;

namespace PixelScrub.Dicom.IO;

/// <summary>
/// A forward reader over a stream with a small buffer (so header-only reading stops a few KiB past where it
/// stops), absolute position tracking for error messages, and skipping by seek when the stream allows it.
/// </summary>
internal sealed class ByteSource
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private readonly long _origin;   // absolute offset of the stream's position 0 in the file (for deflated data)
    private int _pos;
    private int _count;
    private long _bufferStart;        // stream position of _buffer[0]

    public ByteSource(Stream stream, int bufferSize = 4096, long origin = 0, long limit = -1)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
        _origin = origin;
        _bufferStart = stream.CanSeek ? stream.Position : 0;
        Length = stream.CanSeek ? stream.Length : limit;
        LengthIsLimit = !stream.CanSeek && limit >= 0;
    }

    /// <summary>Stream length, or -1 when unknown (for a forward-only stream: the limit given, if any).</summary>
    public long Length { get; }

    /// <summary>True when <see cref="Length"/> is a limit on a forward-only stream (inflated data) rather than its size.</summary>
    public bool LengthIsLimit { get; }

    /// <summary>Position in the stream.</summary>
    public long Position => _bufferStart + _pos;

    /// <summary>Position as an absolute file offset (for messages).</summary>
    public long FileOffset => _origin + Position;

    /// <summary>Bytes left, or long.MaxValue when the length is unknown.</summary>
    public long Remaining => Length < 0 ? long.MaxValue : Length - Position;

    public bool AtEnd
    {
        get
        {
            if (_pos < _count) return false;
            return !Fill();
        }
    }

    private bool Fill()
    {
        if (_pos < _count) return true;
        _bufferStart += _count;
        _pos = 0;
        _count = _stream.Read(_buffer, 0, _buffer.Length);
        return _count > 0;
    }

    /// <summary>Reads exactly destination.Length bytes; false (nothing consumed beyond what was there) at end of data.</summary>
    public bool TryRead(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            if (_pos >= _count && !Fill()) return false;
            int n = Math.Min(destination.Length, _count - _pos);
            _buffer.AsSpan(_pos, n).CopyTo(destination);
            _pos += n;
            destination = destination[n..];
        }

        return true;
    }

    /// <summary>Looks at the next bytes without consuming them; false when fewer are left.</summary>
    public bool TryPeek(Span<byte> destination)
    {
        if (_count - _pos < destination.Length)
        {
            // compact and top up the buffer
            int have = _count - _pos;
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, have);
            _bufferStart += _pos;
            _pos = 0;
            _count = have;
            while (_count < destination.Length)
            {
                int n = _stream.Read(_buffer, _count, _buffer.Length - _count);
                if (n == 0) return false;
                _count += n;
            }
        }

        _buffer.AsSpan(_pos, destination.Length).CopyTo(destination);
        return true;
    }

    public void Skip(long count)
    {
        long inBuffer = _count - _pos;
        if (count <= inBuffer)
        {
            _pos += (int)count;
            return;
        }

        count -= inBuffer;
        _bufferStart += _count;
        _pos = _count = 0;
        if (_stream.CanSeek)
        {
            _stream.Seek(count, SeekOrigin.Current);
            _bufferStart += count;
            return;
        }

        Span<byte> scratch = stackalloc byte[512];
        while (count > 0)
        {
            int n = _stream.Read(scratch[..(int)Math.Min(scratch.Length, count)]);
            if (n == 0) throw new EndOfStreamException();
            count -= n;
            _bufferStart += n;
        }
    }

    public static ushort U16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    public static uint U32(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
}
