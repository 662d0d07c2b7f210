using PixelScrub.Cleaning;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Cleaning;

public sealed class FrameSpoolTests
{
    [Fact]
    public void Frames_past_the_memory_limit_go_to_a_temp_file_that_disposing_removes()
    {
        using var dir = new TempFolder("pixelscrub-spool-");
        var rng = new Random(7);
        var frames = Enumerable.Range(0, 6).Select(i => { var b = new byte[5_000_001 + i]; rng.NextBytes(b); return b; }).ToList();
        var spool = new FrameSpool(dir);
        var values = frames.Select(f => spool.Add(f)).ToList();
        Assert.True(values.Take(3).All(v => v.IsInMemory));
        Assert.True(values.Skip(3).All(v => !v.IsInMemory), "frames past 16 MiB should be file-backed");
        Assert.Single(Directory.GetFiles(dir));
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].Length + (frames[i].Length & 1), values[i].Length);
            var back = values[i].GetBytes().Span;
            Assert.True(back[..frames[i].Length].SequenceEqual(frames[i]));
            using var ms = new MemoryStream();
            values[i].CopyTo(ms);
            Assert.True(ms.ToArray().AsSpan().SequenceEqual(back));
            if ((frames[i].Length & 1) == 1) Assert.Equal(0, back[^1]);
        }

        spool.Dispose();
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void A_frame_in_memory_is_padded_with_zero_even_in_a_reused_pool_array_and_unreadable_after_dispose()
    {
        // The spool's arrays come from a pool: a reused one, here full of 0xFF, must not leak into the padding byte.
        var pool = new DirtyPool();
        var frame = Enumerable.Range(0, 1001).Select(i => (byte)(i % 200)).ToArray();
        var spool = new FrameSpool(pool: pool);
        var value = spool.Add(frame);
        Assert.Single(pool.Rented);
        Assert.True(value.IsInMemory);
        Assert.Equal(1002, value.Length);
        Assert.True(value.GetBytes().Span[..1001].SequenceEqual(frame));
        Assert.Equal(0, value.GetBytes().Span[^1]);
        using (var ms = new MemoryStream())
        {
            value.CopyTo(ms);
            Assert.True(ms.ToArray().AsSpan().SequenceEqual(value.GetBytes().Span));
        }

        // Disposed: the array went back to the pool (another file may be using it now), so reading it must fail loudly.
        spool.Dispose();
        Assert.Equal(pool.Rented, pool.Returned);
        Assert.Throws<ObjectDisposedException>(() => value.GetBytes());
        Assert.Throws<ObjectDisposedException>(() => value.CopyTo(Stream.Null));
        Assert.Throws<ObjectDisposedException>(() => spool.Add(frame));
    }

    /// <summary>A pool whose arrays come out full of 0xFF and longer than asked, as a reused one may; it records both ways.</summary>
    private sealed class DirtyPool : System.Buffers.ArrayPool<byte>
    {
        public List<byte[]> Rented { get; } = [];
        public List<byte[]> Returned { get; } = [];

        public override byte[] Rent(int minimumLength)
        {
            var array = new byte[minimumLength + 16];
            array.AsSpan().Fill(0xFF);
            Rented.Add(array);
            return array;
        }

        public override void Return(byte[] array, bool clearArray = false) => Returned.Add(array);
    }
}
