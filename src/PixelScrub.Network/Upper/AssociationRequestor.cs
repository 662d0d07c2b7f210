using System.Net.Sockets;

namespace PixelScrub.Network.Upper;

/// <summary>The requestor's side (PS3.8 9.2, Sta4/Sta5): connects, sends A-ASSOCIATE-RQ and reads the answer under ARTIM.</summary>
internal static class AssociationRequestor
{
    public static Association Connect(DicomAddress peer, string callingAe, IReadOnlyList<PresentationContextRequest> contexts,
        AssociationLimits limits, UserIdentity? identity = null)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            var connect = client.ConnectAsync(peer.Host, peer.Port);
            if (!connect.Wait(limits.Artim)) throw new DicomNetworkException($"could not connect to {peer}: timed out");
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException se)
        {
            client.Dispose();
            throw new DicomNetworkException($"could not connect to {peer}: {se.Message}", se);
        }
        catch (DicomNetworkException)
        {
            client.Dispose();
            throw;
        }

        var pdus = new PduStream(client.GetStream(), limits);
        try
        {
            var rq = new AssociateRequest
            {
                CalledAe = peer.AeTitle, CallingAe = callingAe, PresentationContexts = contexts, MaxPduLength = limits.MaxReceivePdu,
                ImplementationClassUid = Dicom.DicomFile.ImplementationClassUid, ImplementationVersion = Dicom.DicomFile.ImplementationVersion,
                UserIdentity = identity,
            };
            pdus.Write(PduCodec.Encode(rq), limits.Idle);
            var pdu = pdus.Read(limits.MaxAssociatePdu, limits.Artim);
            switch (pdu.Type)
            {
                case PduType.AssociateAccept:
                    var ac = PduCodec.ParseAssociateAccept(pdu.Body);
                    var proposed = contexts.ToDictionary(c => c.Id, c => c.AbstractSyntax);
                    var results = ac.Results.Where(r => proposed.ContainsKey(r.Id)).ToList();
                    return new Association(pdus, callingAe, peer.AeTitle, proposed, results, ac.MaxPduLength);
                case PduType.AssociateReject:
                    throw new DicomNetworkException($"{peer}: {PduCodec.ParseAssociateReject(pdu.Body).Describe()}");
                case PduType.Abort:
                    throw new DicomNetworkException($"{peer}: {Association.AbortText(pdu.Body)}");
                default:
                    throw new DicomNetworkException($"{peer}: expected A-ASSOCIATE-AC, got {pdu.Type}");
            }
        }
        catch
        {
            pdus.Dispose();
            throw;
        }
    }
}
