using System.Buffers;

namespace PixelScrub.Cleaning;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over an array rented from <see cref="ArrayPool{T}.Shared"/>, returned on
/// <see cref="Dispose"/>. For a frame-sized output written once per file: a new frame-sized array for every file is a
/// large-object allocation, and a batch of such files keeps the background collector busy on a core the other worker
/// needs (BENCHMARKS.md §10f); a pooled array is reused by the next file.
/// </summary>
internal sealed class PooledBufferWriter(int initialCapacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void ResetWrittenCount() => _written = 0;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written) throw new InvalidOperationException("advanced past the end of the buffer");
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        int start = Reserve(sizeHint); // first: it may replace _buffer
        return _buffer.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        int start = Reserve(sizeHint);
        return _buffer.AsSpan(start);
    }

    /// <summary>Makes room for at least <paramref name="sizeHint"/> bytes (at least one) after those written; returns where they start.</summary>
    private int Reserve(int sizeHint)
    {
        int need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= need) return _written;
        long grown = Math.Max((long)_buffer.Length * 2, (long)_written + need);
        if (grown > Array.MaxLength) grown = (long)_written + need;
        if (grown > Array.MaxLength) throw new OutOfMemoryException($"an output buffer of {grown} bytes is too large");
        var larger = ArrayPool<byte>.Shared.Rent((int)grown);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        return _written;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _written = 0;
    }
}
