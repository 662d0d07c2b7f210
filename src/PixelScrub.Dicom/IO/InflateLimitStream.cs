namespace PixelScrub.Dicom.IO;

/// <summary>
/// A read-only forward view of an inflating stream that refuses to produce more than <see cref="Limit"/> bytes
/// (a deflate bomb stops at the limit instead of filling memory or disk).
/// </summary>
internal sealed class InflateLimitStream(Stream inner, long limit) : Stream
{
    /// <summary>Most bytes this stream produces; reading past it throws <see cref="InflateLimitExceededException"/>.</summary>
    public long Limit { get; set; } = limit;

    /// <summary>Bytes produced so far.</summary>
    public long Produced { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Produced; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        long room = Limit - Produced;
        if (room <= 0)
        {
            // One probe byte tells a stream that ends exactly at the limit from one that goes on.
            Span<byte> probe = stackalloc byte[1];
            if (inner.Read(probe) == 0) return 0;
            throw new InflateLimitExceededException(Limit);
        }

        if (buffer.Length > room) buffer = buffer[..(int)room];
        int n = inner.Read(buffer);
        Produced += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
