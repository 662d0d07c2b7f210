using PixelScrub.Cleaning;

namespace PixelScrub.Tests.Cleaning;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Growing_past_the_first_rented_array_keeps_every_byte_written()
    {
        using var writer = new PooledBufferWriter(300);
        var expected = new List<byte>();
        for (int i = 0; i < 5000; i++)
        {
            // chunks of 1..97 bytes, so growth happens in the middle of writes of several sizes
            int n = i % 97 + 1;
            var span = writer.GetSpan(n);
            Assert.True(span.Length >= n);
            for (int k = 0; k < n; k++) span[k] = (byte)(i + k);
            writer.Advance(n);
            for (int k = 0; k < n; k++) expected.Add((byte)(i + k));
        }

        Assert.True(writer.WrittenSpan.SequenceEqual(expected.ToArray()));
        writer.ResetWrittenCount();
        Assert.Equal(0, writer.WrittenSpan.Length);
    }

    [Fact]
    public void Advancing_past_the_space_given_is_refused()
    {
        using var writer = new PooledBufferWriter(16);
        int room = writer.GetSpan(16).Length;
        Assert.Throws<InvalidOperationException>(() => writer.Advance(room + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
    }
}
