namespace PixelScrub.Network.Upper;

/// <summary>
/// The acceptor's side of association establishment (PS3.8 9.2, states Sta2..Sta6): waits for the A-ASSOCIATE-RQ under
/// the ARTIM timer, checks the application context, the called and calling AE titles and the protocol version, answers
/// each presentation context by the policy, and sends A-ASSOCIATE-AC or -RJ.
/// </summary>
internal static class AssociationAcceptor
{
    /// <summary>The outcome: an association, or the reason none was made (for the log).</summary>
    public sealed record Outcome(Association? Association, string? Refusal, AssociateRequest? Request);

    public static Outcome Accept(PduStream pdus, AcceptorPolicy policy)
    {
        var limits = pdus.Limits;
        Pdu pdu;
        try
        {
            pdu = pdus.Read(limits.MaxAssociatePdu, limits.Artim);
        }
        catch (DicomNetworkException ex)
        {
            // A malformed or oversized first PDU is answered with A-ABORT; a silent or vanished peer just closed (ARTIM).
            if (ex.AbortReason is byte reason) TryWrite(pdus, PduCodec.EncodeAbort(2, reason), limits);
            return new Outcome(null, ex.Message, null);
        }

        if (pdu.Type != PduType.AssociateRequest)
        {
            TryWrite(pdus, PduCodec.EncodeAbort(2, 2), limits);
            return new Outcome(null, $"expected A-ASSOCIATE-RQ, got {pdu.Type}", null);
        }

        AssociateRequest rq;
        try
        {
            rq = PduCodec.ParseAssociateRequest(pdu.Body);
        }
        catch (DicomNetworkException ex)
        {
            if (ex.Message.Contains("protocol version", StringComparison.Ordinal))
            {
                TryWrite(pdus, PduCodec.Encode(AssociateReject.ProtocolVersionNotSupported), limits);
            }
            else
            {
                TryWrite(pdus, PduCodec.EncodeAbort(2, ex.AbortReason ?? 6), limits);
            }

            return new Outcome(null, ex.Message, null);
        }

        AssociateReject? reject = null;
        if (rq.ApplicationContext != PduCodec.DicomApplicationContext) reject = AssociateReject.ApplicationContextNotSupported;
        else if (!string.Equals(rq.CalledAe, policy.AeTitle, StringComparison.Ordinal)) reject = AssociateReject.CalledAeNotRecognized;
        else if (policy.AllowedCallingAes.Count > 0 && !policy.AllowedCallingAes.Contains(rq.CallingAe)) reject = AssociateReject.CallingAeNotRecognized;
        if (reject is not null)
        {
            TryWrite(pdus, PduCodec.Encode(reject), limits);
            return new Outcome(null, $"{reject.Describe()} (calling AE \"{rq.CallingAe}\", called AE \"{rq.CalledAe}\")", rq);
        }

        var results = rq.PresentationContexts.Select(policy.Choose).ToList();
        var ac = new AssociateAccept
        {
            CalledAe = rq.CalledAe, CallingAe = rq.CallingAe, Results = results, MaxPduLength = limits.MaxReceivePdu,
            ImplementationClassUid = policy.ImplementationClassUid, ImplementationVersion = policy.ImplementationVersion,
        };
        pdus.Write(PduCodec.Encode(ac), limits.Idle);
        var association = new Association(pdus, rq.CallingAe, rq.CalledAe,
            rq.PresentationContexts.ToDictionary(p => p.Id, p => p.AbstractSyntax), results, rq.MaxPduLength);
        return new Outcome(association, null, rq);
    }

    private static void TryWrite(PduStream pdus, byte[] bytes, AssociationLimits limits)
    {
        try
        {
            pdus.Write(bytes, limits.Artim);
        }
        catch (DicomNetworkException)
        {
            // the peer is gone
        }
    }
}
