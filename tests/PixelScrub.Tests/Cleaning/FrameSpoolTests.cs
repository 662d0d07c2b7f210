using PixelScrub.Cleaning;

namespace PixelScrub.Tests.Cleaning;

public sealed class FrameSpoolTests
{
    [Fact]
    public void Frames_past_the_memory_limit_go_to_a_temp_file_that_disposing_removes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pixelscrub-spool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
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
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
