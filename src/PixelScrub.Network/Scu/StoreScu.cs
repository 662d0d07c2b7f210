using PixelScrub.Network.Dimse;
using PixelScrub.Network.Upper;

namespace PixelScrub.Network.Scu;

/// <summary>
/// C-ECHO and C-STORE as a service class user. Files are sent in their own transfer syntax (no transcoding): one
/// presentation context per (SOP class, transfer syntax) pair, at most 128 per association, more associations as needed.
/// A file whose context the peer did not accept is reported as not sent.
/// </summary>
internal sealed class StoreScu(string callingAe, AssociationLimits limits)
{
    private const string VerificationSopClass = "1.2.840.10008.1.1";
    private const string ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    private const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>C-ECHO (PS3.7 9.1.5); throws <see cref="DicomNetworkException"/> when the peer does not answer with success.</summary>
    public void Echo(DicomAddress peer)
    {
        using var a = AssociationRequestor.Connect(peer, callingAe,
            [new PresentationContextRequest(1, VerificationSopClass, [ExplicitVRLittleEndian, ImplicitVRLittleEndian])], limits);
        if (!a.Accepted.ContainsKey(1))
        {
            a.Abort(0, 0);
            throw new DicomNetworkException($"{peer} did not accept the Verification SOP class");
        }

        var rq = new CommandSet().Set(CommandSet.AffectedSopClassUid, VerificationSopClass).Set(CommandSet.CommandFieldTag, CommandField.CEchoRequest)
            .Set(CommandSet.MessageId, 1).Set(CommandSet.CommandDataSetType, CommandSet.NoDataSet);
        a.Send(1, rq);
        var rsp = ReceiveResponse(a, CommandField.CEchoResponse, 1);
        a.Release();
        ushort status = rsp.UInt16(CommandSet.Status) ?? 0xFFFF;
        if (status != DimseStatus.Success) throw new DicomNetworkException($"{peer} answered C-ECHO with status 0x{status:X4}");
    }

    /// <summary>
    /// Sends the files, reporting each as it starts (<paramref name="starting"/>) and as it is answered (<paramref name="done"/>). A lost connection fails the files not
    /// yet answered (with the error) and ends the call; the caller decides whether to retry.
    /// </summary>
    public void Send(DicomAddress peer, IReadOnlyList<SendableFile> files, Action<StoreResult> done, CancellationToken cancel = default, Action<SendableFile>? starting = null)
    {
        int i = 0;
        while (i < files.Count)
        {
            cancel.ThrowIfCancellationRequested();
            var contexts = new Dictionary<(string, string), byte>();
            int end = i;
            while (end < files.Count)
            {
                var key = (files[end].SopClassUid, files[end].TransferSyntaxUid);
                if (!contexts.ContainsKey(key))
                {
                    if (contexts.Count == PduCodec.MaxPresentationContexts) break;
                    contexts[key] = (byte)(contexts.Count * 2 + 1);
                }

                end++;
            }

            var batch = files.Skip(i).Take(end - i).ToList();
            i = end;
            SendBatch(peer, batch, contexts, done, cancel, starting);
        }
    }

    private void SendBatch(DicomAddress peer, List<SendableFile> batch, Dictionary<(string, string), byte> contexts, Action<StoreResult> done, CancellationToken cancel,
        Action<SendableFile>? starting)
    {
        var proposals = contexts.Select(c => new PresentationContextRequest(c.Value, c.Key.Item1, [c.Key.Item2])).ToList();
        Association a;
        try
        {
            a = AssociationRequestor.Connect(peer, callingAe, proposals, limits);
        }
        catch (DicomNetworkException ex)
        {
            foreach (var f in batch) done(new StoreResult(f.Path, f.SopInstanceUid, null, ex.Message, 0));
            return;
        }

        using (a)
        {
            int next = 0;
            ushort messageId = 0;
            try
            {
                for (; next < batch.Count; next++)
                {
                    cancel.ThrowIfCancellationRequested();
                    var f = batch[next];
                    byte id = contexts[(f.SopClassUid, f.TransferSyntaxUid)];
                    if (!a.Accepted.ContainsKey(id))
                    {
                        done(new StoreResult(f.Path, f.SopInstanceUid, null, $"{peer} did not accept {f.SopClassUid} in transfer syntax {f.TransferSyntaxUid}", 0));
                        continue;
                    }

                    messageId++;
                    starting?.Invoke(f);
                    var rq = new CommandSet().Set(CommandSet.AffectedSopClassUid, f.SopClassUid).Set(CommandSet.CommandFieldTag, CommandField.CStoreRequest)
                        .Set(CommandSet.MessageId, messageId).Set(CommandSet.Priority, 0).Set(CommandSet.CommandDataSetType, 0x0000)
                        .Set(CommandSet.AffectedSopInstanceUid, f.SopInstanceUid);
                    using (var s = new FileStream(f.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
                    {
                        s.Position = f.DataSetOffset;
                        a.Send(id, rq, s, f.DataSetLength);
                    }

                    var rsp = ReceiveResponse(a, CommandField.CStoreResponse, messageId);
                    ushort status = rsp.UInt16(CommandSet.Status) ?? 0xFFFF;
                    var comment = rsp.String(CommandSet.ErrorComment);
                    done(new StoreResult(f.Path, f.SopInstanceUid, status,
                        DimseStatus.IsStored(status) ? null : $"C-STORE status 0x{status:X4}{(comment is null ? "" : $": {comment}")}", f.DataSetLength));
                }

                a.Release();
            }
            catch (Exception ex) when (ex is DicomNetworkException or IOException or UnauthorizedAccessException)
            {
                a.Abort(0, 0);
                for (; next < batch.Count; next++) done(new StoreResult(batch[next].Path, batch[next].SopInstanceUid, null, ex.Message, 0));
            }
        }
    }

    private static CommandSet ReceiveResponse(Association a, ushort field, ushort messageId)
    {
        var msg = a.Receive((_, _) => Stream.Null) ?? throw new DicomNetworkException("the peer released the association before answering");
        if (msg.Command.Field != field) throw new DicomNetworkException($"expected command 0x{field:X4}, got 0x{msg.Command.Field:X4}");
        if (msg.Command.UInt16(CommandSet.MessageIdBeingRespondedTo) != messageId) throw new DicomNetworkException($"response to message {msg.Command.UInt16(CommandSet.MessageIdBeingRespondedTo)}, expected {messageId}");
        return msg.Command;
    }
}
