namespace PixelScrub;

/// <summary>A malformed JPEG (or JPEG-family) code stream; carries the frame number and byte offset.</summary>
public sealed class JpegFormatException : PixelScrubException
{
    public JpegFormatException(string message, long offset, int? frame = null, Exception? inner = null)
        : base(frame is int f ? $"{message} (frame {f}, byte offset {offset})" : $"{message} (byte offset {offset})", inner)
    {
        Offset = offset;
        Frame = frame;
        Reason = message;
    }

    /// <summary>Byte offset within the code stream (frame) where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>Zero-based frame number, when known.</summary>
    public int? Frame { get; }

    public string Reason { get; }
}
