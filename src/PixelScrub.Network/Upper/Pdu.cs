namespace PixelScrub.Network.Upper;

/// <summary>A PDU as read: its type and its body (the bytes after the 6-byte header), in a buffer the reader owns.</summary>
internal readonly record struct Pdu(PduType Type, byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Body => Buffer.AsSpan(0, Length);
}
