using System.Runtime.InteropServices;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// A memory stream for OpenJPEG's callback interface (opj_stream_set_read/write/skip/seek_function): the
/// state lives in native memory owned by this object; reading works over caller-pinned bytes, writing
/// over a buffer that grows. Callbacks never read or write outside the buffer.
/// </summary>
internal sealed unsafe class OpenJpegStream : IDisposable
{
    private struct State
    {
        public byte* Data;
        public long Length;
        public long Position;
        public long Capacity;
        public int Writable;
    }

    private State* _state;

    private OpenJpegStream(State* state) => _state = state;

    /// <summary>A read stream over <paramref name="data"/>, which the caller keeps pinned while it is used.</summary>
    public static OpenJpegStream ForReading(byte* data, long length)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Data = data;
        state->Length = length;
        return new OpenJpegStream(state);
    }

    public static OpenJpegStream ForWriting(long initialCapacity)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Data = (byte*)NativeMemory.Alloc((nuint)Math.Max(initialCapacity, 4096));
        state->Capacity = Math.Max(initialCapacity, 4096);
        state->Writable = 1;
        return new OpenJpegStream(state);
    }

    public void* UserData => _state;

    public ReadOnlySpan<byte> Written => new(_state->Data, checked((int)_state->Length));

    /// <summary>Creates the opj_stream_t for this buffer; the caller destroys it before disposing this object.</summary>
    public nint Create(OpenJpegApi api)
    {
        bool input = _state->Writable == 0;
        nint stream = api.StreamCreate(65536, input ? 1 : 0);
        if (stream == 0) throw new OutOfMemoryException("OpenJPEG could not create a stream");
        if (input) api.StreamSetReadFunction(stream, &Read);
        else api.StreamSetWriteFunction(stream, &Write);
        api.StreamSetSkipFunction(stream, &Skip);
        api.StreamSetSeekFunction(stream, &Seek);
        api.StreamSetUserData(stream, _state, null);
        if (input) api.StreamSetUserDataLength(stream, (ulong)_state->Length);
        return stream;
    }

    [UnmanagedCallersOnly]
    private static nuint Read(void* buffer, nuint count, void* user)
    {
        var s = (State*)user;
        long remaining = s->Length - s->Position;
        if (remaining <= 0) return unchecked((nuint)(-1)); // end of stream, as opj_stream_read_fn expects
        long n = Math.Min((long)count, remaining);
        Buffer.MemoryCopy(s->Data + s->Position, buffer, (long)count, n);
        s->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    private static nuint Write(void* buffer, nuint count, void* user)
    {
        var s = (State*)user;
        long end = s->Position + (long)count;
        if (!Reserve(s, end)) return unchecked((nuint)(-1));
        Buffer.MemoryCopy(buffer, s->Data + s->Position, s->Capacity - s->Position, (long)count);
        s->Position = end;
        if (end > s->Length) s->Length = end;
        return count;
    }

    [UnmanagedCallersOnly]
    private static long Skip(long count, void* user)
    {
        var s = (State*)user;
        long target = s->Position + count;
        if (target < 0) return -1;
        if (s->Writable != 0)
        {
            if (!Reserve(s, target)) return -1;
            if (target > s->Length)
            {
                new Span<byte>(s->Data + s->Length, (int)(target - s->Length)).Clear();
                s->Length = target;
            }
        }
        else if (target > s->Length)
        {
            target = s->Length;
        }

        long skipped = target - s->Position;
        s->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly]
    private static int Seek(long position, void* user)
    {
        var s = (State*)user;
        if (position < 0) return 0;
        if (s->Writable != 0)
        {
            if (!Reserve(s, position)) return 0;
            if (position > s->Length)
            {
                new Span<byte>(s->Data + s->Length, (int)(position - s->Length)).Clear();
                s->Length = position;
            }
        }
        else if (position > s->Length)
        {
            return 0;
        }

        s->Position = position;
        return 1;
    }

    private static bool Reserve(State* s, long needed)
    {
        if (needed <= s->Capacity) return true;
        if (needed > Array.MaxLength) return false;
        long capacity = Math.Min(Math.Max(needed, s->Capacity * 2), Array.MaxLength);
        s->Data = (byte*)NativeMemory.Realloc(s->Data, (nuint)capacity);
        s->Capacity = capacity;
        return true;
    }

    public void Dispose()
    {
        if (_state == null) return;
        if (_state->Writable != 0) NativeMemory.Free(_state->Data);
        NativeMemory.Free(_state);
        _state = null;
    }
}
