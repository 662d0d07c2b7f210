using PixelScrub.Network.Dimse;

namespace PixelScrub.Network.Upper;

/// <summary>
/// An established association (either side): the accepted presentation contexts, the peer's maximum PDU length, and
/// DIMSE messages in and out over P-DATA-TF, fragmented to the peer's limit (PS3.8 9.3.5, Annex E). Data sets stream
/// through: received fragments go straight to the caller's stream, sent ones are read from a stream chunk by chunk.
/// Not thread-safe: one thread runs one association.
/// </summary>
internal sealed class Association : IDisposable
{
    private readonly PduStream _pdus;
    private readonly Dictionary<byte, PresentationContextResult> _accepted;
    private readonly int _sendFragment;
    private byte[]? _sendBuffer;
    private bool _closed;

    public Association(PduStream pdus, string callingAe, string calledAe, IReadOnlyDictionary<byte, string> abstractSyntaxes,
        IEnumerable<PresentationContextResult> accepted, uint peerMaxPdu)
    {
        _pdus = pdus;
        CallingAe = callingAe;
        CalledAe = calledAe;
        AbstractSyntaxes = abstractSyntaxes;
        _accepted = accepted.Where(r => r.Accepted).ToDictionary(r => r.Id);
        // PS3.8 D.1: Maximum Length bounds the P-DATA-TF variable field: each of our PDUs carries one PDV (4 + 2 bytes of
        // header) so its data is at most Max - 6; 0 means no limit, and we use our own size.
        long max = peerMaxPdu == 0 ? pdus.Limits.DefaultSendPdu : Math.Min(peerMaxPdu, (uint)pdus.Limits.DefaultSendPdu * 4);
        _sendFragment = (int)Math.Max(1, max - 6);
    }

    public string CallingAe { get; }
    public string CalledAe { get; }

    /// <summary>Abstract syntax per context ID, for every context proposed.</summary>
    public IReadOnlyDictionary<byte, string> AbstractSyntaxes { get; }

    public IReadOnlyDictionary<byte, PresentationContextResult> Accepted => _accepted;

    public AssociationLimits Limits => _pdus.Limits;

    /// <summary>
    /// Reads PDUs until one DIMSE message is whole. A data set's fragments go to the stream <paramref name="openDataSet"/>
    /// returns for the command (called once, after the command is whole). Returns null when the peer asks to release
    /// (answered with A-RELEASE-RP). Throws <see cref="DicomNetworkException"/> on an abort, a timeout or a protocol
    /// error (after sending A-ABORT for the latter).
    /// </summary>
    public DimseMessage? Receive(Func<CommandSet, byte, Stream> openDataSet)
    {
        var command = new MemoryStream();
        CommandSet? cmd = null;
        byte contextId = 0;
        Stream? data = null;
        long dataBytes = 0;
        while (true)
        {
            var pdu = ReadPdu();
            switch (pdu.Type)
            {
                case PduType.Data:
                    break;
                case PduType.ReleaseRequest:
                    if (cmd is not null || command.Length > 0) AbortAndThrow(2, "A-RELEASE-RQ in the middle of a DIMSE message");
                    _pdus.Write(PduCodec.EncodeReleaseResponse(), Limits.Idle);
                    _closed = true;
                    return null;
                case PduType.Abort:
                    _closed = true;
                    throw new DicomNetworkException(AbortText(pdu.Body));
                default:
                    AbortAndThrow(2, $"unexpected {pdu.Type} PDU on an established association");
                    break;
            }

            var body = pdu.Body;
            if (body.Length == 0) AbortAndThrow(6, "P-DATA-TF with no PDV item");
            int pos = 0;
            while (pos < body.Length)
            {
                var (id, control, offset, length, next) = Checked(() => PduCodec.NextPdv(pdu.Body, pos));
                pos = next;
                if (!_accepted.ContainsKey(id)) AbortAndThrow(6, $"PDV on presentation context {id}, which was not accepted");
                bool isCommand = (control & 1) != 0;
                bool last = (control & 2) != 0;
                if (isCommand)
                {
                    if (cmd is not null) AbortAndThrow(5, "command fragment while a data set was expected");
                    if (command.Length > 0 && id != contextId) AbortAndThrow(5, "command fragments on two presentation contexts");
                    contextId = id;
                    if (command.Length + length > Limits.MaxCommandBytes) AbortAndThrow(6, $"DIMSE command longer than {Limits.MaxCommandBytes} bytes");
                    command.Write(body.Slice(offset, length));
                    if (!last) continue;
                    cmd = Checked(() => CommandSet.Parse(command.GetBuffer().AsSpan(0, (int)command.Length)));
                    if (!cmd.HasDataSet)
                    {
                        if (pos < body.Length) AbortAndThrow(5, "PDV items after a complete message without a data set");
                        return new DimseMessage(cmd, contextId, false);
                    }

                    data = openDataSet(cmd, contextId);
                }
                else
                {
                    if (cmd is null || data is null) AbortAndThrow(5, "data set fragment before its command");
                    if (id != contextId) AbortAndThrow(5, $"data set fragment on context {id}, its command came on {contextId}");
                    dataBytes += length;
                    if (dataBytes > Limits.MaxDataSetBytes) AbortAndThrow(6, $"data set longer than {Limits.MaxDataSetBytes} bytes");
                    data!.Write(body.Slice(offset, length));
                    if (!last) continue;
                    if (pos < body.Length) AbortAndThrow(5, "PDV items after the last fragment of a data set");
                    return new DimseMessage(cmd!, contextId, true);
                }
            }
        }
    }

    /// <summary>Sends a command and, when given, the data set read from <paramref name="dataSet"/> (exactly <paramref name="dataLength"/> bytes).</summary>
    public void Send(byte contextId, CommandSet command, Stream? dataSet = null, long dataLength = 0)
    {
        if (!_accepted.ContainsKey(contextId)) throw new InvalidOperationException($"presentation context {contextId} was not accepted");
        var bytes = command.Encode();
        int sent = 0;
        do
        {
            int n = Math.Min(_sendFragment, bytes.Length - sent);
            SendFragment(contextId, true, sent + n == bytes.Length, bytes.AsSpan(sent, n));
            sent += n;
        }
        while (sent < bytes.Length);

        if (dataSet is null) return;
        var buffer = _sendBuffer ??= new byte[Math.Min(_sendFragment, 1 << 20) + 12];
        int chunk = buffer.Length - 12;
        long left = dataLength;
        if (left == 0)
        {
            SendFragment(contextId, false, true, []);
            return;
        }

        while (left > 0)
        {
            int want = (int)Math.Min(chunk, left);
            int got = 0;
            while (got < want)
            {
                int n = dataSet.Read(buffer, 12 + got, want - got);
                if (n == 0) throw new IOException($"the data set ended {left - got} bytes early");
                got += n;
            }

            left -= want;
            PduCodec.WritePDataHeader(buffer, contextId, false, left == 0, want);
            _pdus.Write(buffer.AsSpan(0, 12 + want), Limits.Idle);
        }
    }

    /// <summary>Requestor side: A-RELEASE-RQ, then waits (ARTIM) for A-RELEASE-RP.</summary>
    public void Release()
    {
        if (_closed) return;
        _closed = true;
        _pdus.Write(PduCodec.EncodeReleaseRequest(), Limits.Idle);
        var pdu = _pdus.Read(Limits.MaxAssociatePdu, Limits.Artim);
        if (pdu.Type == PduType.Abort) throw new DicomNetworkException(AbortText(pdu.Body));
        if (pdu.Type != PduType.ReleaseResponse) throw new DicomNetworkException($"expected A-RELEASE-RP, got {pdu.Type}");
    }

    /// <summary>Sends A-ABORT (source 0 user, 2 provider) and marks the association closed; errors sending are ignored.</summary>
    public void Abort(byte source, byte reason)
    {
        if (_closed) return;
        _closed = true;
        try
        {
            _pdus.Write(PduCodec.EncodeAbort(source, reason), Limits.Artim);
        }
        catch (DicomNetworkException)
        {
            // the peer is gone already
        }
    }

    private Pdu ReadPdu() => _pdus.Read((int)Math.Min(int.MaxValue, Math.Max(Limits.MaxReceivePdu, 1024)), Limits.Idle);

    private void SendFragment(byte contextId, bool command, bool last, ReadOnlySpan<byte> data)
    {
        var pdu = new byte[12 + data.Length];
        PduCodec.WritePDataHeader(pdu, contextId, command, last, data.Length);
        data.CopyTo(pdu.AsSpan(12));
        _pdus.Write(pdu, Limits.Idle);
    }

    private T Checked<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (DicomNetworkException ex) when (ex.AbortReason is byte reason)
        {
            Abort(2, reason);
            throw;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void AbortAndThrow(byte reason, string message)
    {
        Abort(2, reason);
        throw new DicomNetworkException($"protocol error: {message}; association aborted") { AbortReason = reason };
    }

    internal static string AbortText(ReadOnlySpan<byte> body) =>
        body.Length == 4 ? $"association aborted by the peer (source {body[2]}, reason {body[3]})" : "association aborted by the peer";

    public void Dispose()
    {
        _closed = true;
        _pdus.Dispose();
    }
}
