using System.Buffers.Binary;
using System.Net.Sockets;

namespace PixelScrub.Network.Upper;

/// <summary>
/// Reads and writes whole PDUs on a stream with limits: the type must be one of the seven, the length at most what the
/// caller allows for that state, and the whole PDU must arrive before a deadline (a sender trickling bytes times out).
/// One body buffer, reused, sized to the largest PDU allowed.
/// </summary>
internal sealed class PduStream(Stream stream, AssociationLimits limits) : IDisposable
{
    private byte[] _buffer = new byte[16 * 1024];

    public AssociationLimits Limits => limits;

    /// <summary>Reads one PDU whose body may be at most <paramref name="maxBody"/> bytes, within <paramref name="timeout"/>.</summary>
    public Pdu Read(int maxBody, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Span<byte> header = stackalloc byte[6];
        ReadExactly(header, deadline, first: true);
        byte type = header[0];
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[2..]);
        if (type is < 1 or > 7) throw new DicomNetworkException($"unrecognised PDU type 0x{type:X2}") { AbortReason = 1 };
        if (length > (uint)maxBody) throw new DicomNetworkException($"PDU type 0x{type:X2} of {length} bytes exceeds the limit of {maxBody}") { AbortReason = 6 };
        if (_buffer.Length < length) _buffer = new byte[Math.Max(length, Math.Min((uint)maxBody, (uint)_buffer.Length * 2))];
        ReadExactly(_buffer.AsSpan(0, (int)length), deadline, first: false);
        return new Pdu((PduType)type, _buffer, (int)length);
    }

    public void Write(ReadOnlySpan<byte> bytes, TimeSpan timeout)
    {
        try
        {
            stream.WriteTimeout = TimeoutMs(timeout);
            stream.Write(bytes);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            throw new DicomNetworkException($"connection lost while sending: {Inner(ex)}", ex);
        }
    }

    public void Flush() => stream.Flush();

    private void ReadExactly(Span<byte> into, DateTime deadline, bool first)
    {
        int got = 0;
        while (got < into.Length)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new DicomNetworkException("timed out waiting for the peer (idle or slow sender)");
            int n;
            try
            {
                if (stream.CanTimeout) stream.ReadTimeout = TimeoutMs(left);
                n = stream.Read(into[got..]);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                if (ex.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut } || ex is SocketException { SocketErrorCode: SocketError.TimedOut })
                {
                    throw new DicomNetworkException("timed out waiting for the peer (idle or slow sender)", ex);
                }

                throw new DicomNetworkException($"connection lost: {Inner(ex)}", ex);
            }

            if (n == 0)
            {
                throw first && got == 0
                    ? new DicomNetworkException("connection closed by the peer") { AbortReason = null }
                    : new DicomNetworkException($"connection closed by the peer in the middle of a PDU ({got} of {into.Length} bytes)");
            }

            got += n;
        }
    }

    private static int TimeoutMs(TimeSpan t) => (int)Math.Clamp(t.TotalMilliseconds, 1, int.MaxValue);

    private static string Inner(Exception ex) => (ex.InnerException ?? ex).Message;

    public void Dispose() => stream.Dispose();
}
