using System.Buffers.Binary;

namespace PixelScrub.Imaging;

/// <summary>
/// A write-only stream that cuts the zlib stream of one image into IDAT chunks, or into fdAT chunks (each
/// prefixed by the next APNG sequence number) for the later frames of an animation.
/// </summary>
internal sealed class PngDataStream : Stream
{
    private const int ChunkSize = 1 << 16;

    private readonly Stream _output;
    private readonly bool _frameData;
    private readonly Func<uint>? _nextSequence;
    private readonly byte[] _buffer;
    private int _count;

    /// <param name="nextSequence">for fdAT chunks: yields the next sequence number; null for IDAT</param>
    public PngDataStream(Stream output, Func<uint>? nextSequence)
    {
        _output = output;
        _nextSequence = nextSequence;
        _frameData = nextSequence is not null;
        _buffer = new byte[ChunkSize + 4];
        _count = _frameData ? 4 : 0;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            int room = _buffer.Length - _count;
            if (room == 0)
            {
                Emit();
                continue;
            }

            int take = Math.Min(room, buffer.Length);
            buffer.Slice(0, take).CopyTo(_buffer.AsSpan(_count));
            _count += take;
            buffer = buffer.Slice(take);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Writes what is buffered as a last chunk (call once, after the zlib stream is closed).</summary>
    public void Complete()
    {
        int empty = _frameData ? 4 : 0;
        if (_count > empty) Emit();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void Emit()
    {
        if (_frameData)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer, _nextSequence!());
            PngChunkWriter.Write(_output, "fdAT"u8, _buffer.AsSpan(0, _count));
            _count = 4;
        }
        else
        {
            PngChunkWriter.Write(_output, "IDAT"u8, _buffer.AsSpan(0, _count));
            _count = 0;
        }
    }
}
