using System.Buffers;
using Microsoft.Win32.SafeHandles;
using PixelScrub.Dicom;

namespace PixelScrub.Cleaning;

/// <summary>
/// Holds rewritten frames until the file is written, so memory does not grow with the number of frames: the first
/// 16 MiB stay in memory, the rest go to a temp file that the system deletes when the spool is disposed (or the process
/// ends). Every frame comes back padded to even length (PS3.5 A.4), as an <see cref="ElementValue"/> the writer streams.
/// Frames in memory are held in arrays rented from a pool (the shared one unless another is given) and given back when
/// the spool is disposed (with the file it is attached to): a frame is usually a large-object allocation, and one per
/// file of a batch keeps the background collector busy (BENCHMARKS.md §10f). A value read after that throws instead of
/// showing reused memory.
/// </summary>
internal sealed class FrameSpool : IDisposable
{
    public const long InMemoryLimit = 16L << 20;

    private readonly string _directory;
    private readonly ArrayPool<byte> _pool;
    private SafeFileHandle? _handle;
    private long _fileLength;
    private long _inMemory;
    private readonly List<byte[]> _rented = [];
    private bool _disposed;

    public FrameSpool(string? directory = null, ArrayPool<byte>? pool = null)
    {
        _directory = directory ?? Path.GetTempPath();
        _pool = pool ?? ArrayPool<byte>.Shared;
    }

    public ElementValue Add(ReadOnlySpan<byte> frame)
    {
        int padded = frame.Length + (frame.Length & 1);
        if (_inMemory + padded <= InMemoryLimit)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var copy = _pool.Rent(padded);
            _rented.Add(copy);
            frame.CopyTo(copy);
            if (padded > frame.Length) copy[frame.Length] = 0;
            _inMemory += padded;
            return new PooledValue(this, copy, padded);
        }

        _handle ??= File.OpenHandle(Path.Combine(_directory, $".pixelscrub-spool-{Environment.ProcessId}-{Guid.NewGuid():N}"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        long offset = _fileLength;
        RandomAccess.Write(_handle, frame, offset);
        if ((frame.Length & 1) == 1) RandomAccess.Write(_handle, [(byte)0], offset + frame.Length);
        _fileLength += padded;
        return new SpooledValue(_handle, offset, padded);
    }

    public void Dispose()
    {
        _handle?.Dispose();
        if (_disposed) return;
        _disposed = true;
        foreach (var array in _rented) _pool.Return(array);
        _rented.Clear();
    }

    /// <summary>A frame in a rented array of the spool; unreadable once the spool is disposed.</summary>
    private sealed class PooledValue(FrameSpool owner, byte[] array, int length) : ElementValue
    {
        public override long Length => length;
        public override bool IsInMemory => true;

        public override void CopyTo(Stream destination) => destination.Write(Bytes().Span);

        public override ReadOnlyMemory<byte> GetBytes() => Bytes();

        private ReadOnlyMemory<byte> Bytes()
        {
            ObjectDisposedException.ThrowIf(owner._disposed, owner);
            return array.AsMemory(0, length);
        }
    }

    /// <summary>A frame in the spool file.</summary>
    private sealed class SpooledValue(SafeFileHandle handle, long offset, long length) : ElementValue
    {
        public override long Length => length;
        public override bool IsInMemory => false;

        public override void CopyTo(Stream destination)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                for (long done = 0; done < length;)
                {
                    int n = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - done)), offset + done);
                    if (n <= 0) throw new IOException("the frame spool file ended early");
                    destination.Write(buffer, 0, n);
                    done += n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public override ReadOnlyMemory<byte> GetBytes()
        {
            var bytes = new byte[length];
            for (long done = 0; done < length;)
            {
                int n = RandomAccess.Read(handle, bytes.AsSpan((int)done), offset + done);
                if (n <= 0) throw new IOException("the frame spool file ended early");
                done += n;
            }

            return bytes;
        }
    }
}
