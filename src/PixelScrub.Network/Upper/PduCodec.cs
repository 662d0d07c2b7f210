using System.Buffers.Binary;
using System.Text;

namespace PixelScrub.Network.Upper;

/// <summary>
/// Encodes and parses the bodies of the association PDUs (PS3.8 9.3; all fields big endian). Parsing is over a span with
/// every length checked against the bytes there before use; a malformed body throws <see cref="DicomNetworkException"/>
/// with the A-ABORT reason to send, and never anything else. P-DATA-TF bodies are split by <see cref="NextPdv"/>.
/// </summary>
internal static class PduCodec
{
    /// <summary>The DICOM application context name (PS3.7 A.2.1).</summary>
    public const string DicomApplicationContext = "1.2.840.10008.3.1.1.1";

    /// <summary>At most 128 presentation contexts: IDs are odd numbers 1..255 (PS3.8 9.3.2.2).</summary>
    public const int MaxPresentationContexts = 128;

    /// <summary>A bound on transfer syntaxes proposed per context (the standard sets none; a sender offers a few).</summary>
    public const int MaxTransferSyntaxesPerContext = 64;

    private const byte ItemApplicationContext = 0x10;
    private const byte ItemPresentationContextRq = 0x20;
    private const byte ItemPresentationContextAc = 0x21;
    private const byte ItemAbstractSyntax = 0x30;
    private const byte ItemTransferSyntax = 0x40;
    private const byte ItemUserInformation = 0x50;
    private const byte SubMaxLength = 0x51;
    private const byte SubImplementationClass = 0x52;
    private const byte SubImplementationVersion = 0x55;
    private const byte SubUserIdentityRq = 0x58;
    private const byte SubUserIdentityAc = 0x59;

    // ---- encoding ----

    public static byte[] Encode(AssociateRequest rq)
    {
        var body = new List<byte>(1024);
        FixedPart(body, rq.CalledAe, rq.CallingAe);
        Item(body, ItemApplicationContext, Ascii(rq.ApplicationContext));
        foreach (var pc in rq.PresentationContexts)
        {
            var v = new List<byte> { pc.Id, 0, 0, 0 };
            Item(v, ItemAbstractSyntax, Ascii(pc.AbstractSyntax));
            foreach (var ts in pc.TransferSyntaxes) Item(v, ItemTransferSyntax, Ascii(ts));
            Item(body, ItemPresentationContextRq, [.. v]);
        }

        var user = UserInformation(rq.MaxPduLength, rq.ImplementationClassUid, rq.ImplementationVersion);
        if (rq.UserIdentity is { } id)
        {
            var v = new List<byte> { id.Type, (byte)(id.ResponseRequested ? 1 : 0) };
            U16(v, id.Primary.Length);
            v.AddRange(id.Primary);
            U16(v, id.Secondary.Length);
            v.AddRange(id.Secondary);
            Item(user, SubUserIdentityRq, [.. v]);
        }

        Item(body, ItemUserInformation, [.. user]);
        return Pdu(PduType.AssociateRequest, body);
    }

    public static byte[] Encode(AssociateAccept ac)
    {
        var body = new List<byte>(512);
        FixedPart(body, ac.CalledAe, ac.CallingAe);
        Item(body, ItemApplicationContext, Ascii(ac.ApplicationContext));
        foreach (var r in ac.Results)
        {
            var v = new List<byte> { r.Id, 0, r.Result, 0 };
            // PS3.8 9.3.3.2: the transfer syntax sub-item is present but not significant when the context is not accepted.
            Item(v, ItemTransferSyntax, Ascii(r.TransferSyntax));
            Item(body, ItemPresentationContextAc, [.. v]);
        }

        var user = UserInformation(ac.MaxPduLength, ac.ImplementationClassUid, ac.ImplementationVersion);
        if (ac.UserIdentityResponse is { } response)
        {
            var v = new List<byte>();
            U16(v, response.Length);
            v.AddRange(response);
            Item(user, SubUserIdentityAc, [.. v]);
        }

        Item(body, ItemUserInformation, [.. user]);
        return Pdu(PduType.AssociateAccept, body);
    }

    public static byte[] Encode(AssociateReject rj) => Pdu(PduType.AssociateReject, [0, rj.Result, rj.Source, rj.Reason]);

    /// <summary>A-ABORT (PS3.8 9.3.8): source 0 service user, 2 service provider; reason as in <see cref="DicomNetworkException.AbortReason"/>.</summary>
    public static byte[] EncodeAbort(byte source, byte reason) => Pdu(PduType.Abort, [0, 0, source, reason]);

    public static byte[] EncodeReleaseRequest() => Pdu(PduType.ReleaseRequest, [0, 0, 0, 0]);

    public static byte[] EncodeReleaseResponse() => Pdu(PduType.ReleaseResponse, [0, 0, 0, 0]);

    /// <summary>Writes a P-DATA-TF PDU header and one PDV item header (PS3.8 9.3.5, E.2) for <paramref name="dataLength"/> bytes.</summary>
    public static void WritePDataHeader(Span<byte> header12, byte contextId, bool command, bool last, int dataLength)
    {
        header12[0] = (byte)PduType.Data;
        header12[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header12[2..], (uint)(dataLength + 6));
        BinaryPrimitives.WriteUInt32BigEndian(header12[6..], (uint)(dataLength + 2));
        header12[10] = contextId;
        header12[11] = (byte)((command ? 1 : 0) | (last ? 2 : 0));
    }

    private static void FixedPart(List<byte> body, string called, string calling)
    {
        U16(body, 1); // protocol version: bit 0 (PS3.8 9.3.2)
        body.Add(0);
        body.Add(0);
        body.AddRange(AeField(called));
        body.AddRange(AeField(calling));
        body.AddRange(new byte[32]);
    }

    private static List<byte> UserInformation(uint maxPdu, string implementationClass, string? version)
    {
        var user = new List<byte>();
        var max = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(max, maxPdu);
        Item(user, SubMaxLength, max);
        Item(user, SubImplementationClass, Ascii(implementationClass));
        if (!string.IsNullOrEmpty(version)) Item(user, SubImplementationVersion, Ascii(version));
        return user;
    }

    private static byte[] AeField(string ae)
    {
        var b = Encoding.ASCII.GetBytes(ae.Length > 16 ? ae[..16] : ae.PadRight(16));
        return b;
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static void Item(List<byte> to, byte type, byte[] value)
    {
        if (value.Length > ushort.MaxValue) throw new DicomNetworkException($"PDU item 0x{type:X2} too long ({value.Length} bytes)");
        to.Add(type);
        to.Add(0);
        U16(to, value.Length);
        to.AddRange(value);
    }

    private static void U16(List<byte> to, int v)
    {
        to.Add((byte)(v >> 8));
        to.Add((byte)v);
    }

    private static byte[] Pdu(PduType type, List<byte> body)
    {
        var pdu = new byte[6 + body.Count];
        pdu[0] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)body.Count);
        body.CopyTo(pdu, 6);
        return pdu;
    }

    // ---- parsing ----

    public static AssociateRequest ParseAssociateRequest(ReadOnlySpan<byte> body)
    {
        var (called, calling) = ParseFixed(body, "A-ASSOCIATE-RQ");
        string? appContext = null;
        var contexts = new List<PresentationContextRequest>();
        var ids = new HashSet<byte>();
        UserInfo? user = null;
        int pos = 68;
        while (pos < body.Length)
        {
            var (type, valueAt, valueLength, next) = NextItem(body, pos, "A-ASSOCIATE-RQ");
            var value = body.Slice(valueAt, valueLength);
            switch (type)
            {
                case ItemApplicationContext:
                    appContext = Uid(value, pos, "application context name");
                    break;
                case ItemPresentationContextRq:
                    if (contexts.Count == MaxPresentationContexts) throw Invalid($"more than {MaxPresentationContexts} presentation contexts", pos);
                    var pc = ParseContextRq(value, pos + 4);
                    if (!ids.Add(pc.Id)) throw Invalid($"presentation context ID {pc.Id} proposed twice", pos);
                    contexts.Add(pc);
                    break;
                case ItemUserInformation:
                    if (user is not null) throw Invalid("two user information items", pos);
                    user = ParseUserInfo(value, pos + 4, request: true);
                    break;
                default:
                    break; // PS3.8 9.3.1: items of an unrecognised type are ignored
            }

            pos = next;
        }

        if (appContext is null) throw Invalid("A-ASSOCIATE-RQ has no application context item", 68);
        if (contexts.Count == 0) throw Invalid("A-ASSOCIATE-RQ proposes no presentation context", 68);
        if (user is null) throw Invalid("A-ASSOCIATE-RQ has no user information item", 68);
        return new AssociateRequest
        {
            CalledAe = called, CallingAe = calling, ApplicationContext = appContext, PresentationContexts = contexts,
            MaxPduLength = user.MaxLength, ImplementationClassUid = user.ImplementationClass, ImplementationVersion = user.Version,
            UserIdentity = user.Identity,
        };
    }

    public static AssociateAccept ParseAssociateAccept(ReadOnlySpan<byte> body)
    {
        var (called, calling) = ParseFixed(body, "A-ASSOCIATE-AC");
        string? appContext = null;
        var results = new List<PresentationContextResult>();
        UserInfo? user = null;
        int pos = 68;
        while (pos < body.Length)
        {
            var (type, valueAt, valueLength, next) = NextItem(body, pos, "A-ASSOCIATE-AC");
            var value = body.Slice(valueAt, valueLength);
            switch (type)
            {
                case ItemApplicationContext:
                    appContext = Uid(value, pos, "application context name");
                    break;
                case ItemPresentationContextAc:
                    if (results.Count == MaxPresentationContexts) throw Invalid($"more than {MaxPresentationContexts} presentation contexts", pos);
                    results.Add(ParseContextAc(value, pos + 4));
                    break;
                case ItemUserInformation:
                    if (user is not null) throw Invalid("two user information items", pos);
                    user = ParseUserInfo(value, pos + 4, request: false);
                    break;
                default:
                    break;
            }

            pos = next;
        }

        if (appContext is null) throw Invalid("A-ASSOCIATE-AC has no application context item", 68);
        if (user is null) throw Invalid("A-ASSOCIATE-AC has no user information item", 68);
        return new AssociateAccept
        {
            CalledAe = called, CallingAe = calling, ApplicationContext = appContext, Results = results,
            MaxPduLength = user.MaxLength, ImplementationClassUid = user.ImplementationClass, ImplementationVersion = user.Version,
            UserIdentityResponse = user.IdentityResponse,
        };
    }

    public static AssociateReject ParseAssociateReject(ReadOnlySpan<byte> body)
    {
        if (body.Length != 4) throw Invalid($"A-ASSOCIATE-RJ of length {body.Length} (expected 4)", 0);
        return new AssociateReject(body[1], body[2], body[3]);
    }

    /// <summary>
    /// The next PDV item of a P-DATA-TF body at <paramref name="pos"/> (PS3.8 9.3.5.1): its context ID, message control
    /// header (bit 0 command, bit 1 last fragment) and the value's offset and length in the body.
    /// </summary>
    public static (byte ContextId, byte Control, int Offset, int Length, int Next) NextPdv(ReadOnlySpan<byte> body, int pos)
    {
        if (body.Length - pos < 6) throw Invalid($"PDV item header truncated ({body.Length - pos} bytes left)", pos);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(body[pos..]);
        if (length < 2) throw Invalid($"PDV item of length {length} (at least 2)", pos);
        if (length > (uint)(body.Length - pos - 4)) throw Invalid($"PDV item of length {length} runs past the PDU ({body.Length - pos - 4} bytes left)", pos);
        byte control = body[pos + 5];
        if ((control & 0xFC) != 0) throw Invalid($"PDV message control header 0x{control:X2} has reserved bits set", pos + 5);
        return (body[pos + 4], control, pos + 6, (int)length - 2, pos + 4 + (int)length);
    }

    private static (string Called, string Calling) ParseFixed(ReadOnlySpan<byte> body, string what)
    {
        if (body.Length < 68) throw Invalid($"{what} of length {body.Length} is shorter than its fixed fields (68)", 0);
        ushort version = BinaryPrimitives.ReadUInt16BigEndian(body);
        if ((version & 1) == 0) throw new DicomNetworkException($"{what}: protocol version 0x{version:X4} does not include version 1") { AbortReason = 6 };
        return (AeTitle(body.Slice(4, 16), 4), AeTitle(body.Slice(20, 16), 20));
    }

    private static (byte Type, int Offset, int Length, int Next) NextItem(ReadOnlySpan<byte> body, int pos, string what)
    {
        if (body.Length - pos < 4) throw Invalid($"{what}: item header truncated at offset {pos}", pos);
        int length = BinaryPrimitives.ReadUInt16BigEndian(body[(pos + 2)..]);
        if (length > body.Length - pos - 4) throw Invalid($"{what}: item 0x{body[pos]:X2} of length {length} runs past the PDU", pos);
        return (body[pos], pos + 4, length, pos + 4 + length);
    }

    private static PresentationContextRequest ParseContextRq(ReadOnlySpan<byte> v, int at)
    {
        if (v.Length < 4) throw Invalid("presentation context item shorter than 4 bytes", at);
        byte id = v[0];
        if ((id & 1) == 0) throw Invalid($"presentation context ID {id} is not odd", at);
        string? abstractSyntax = null;
        var syntaxes = new List<string>();
        int pos = 4;
        while (pos < v.Length)
        {
            var (type, valueAt, valueLength, next) = NextItem(v, pos, "presentation context");
            var value = v.Slice(valueAt, valueLength);
            if (type == ItemAbstractSyntax)
            {
                if (abstractSyntax is not null) throw Invalid($"presentation context {id} has two abstract syntaxes", at + pos);
                abstractSyntax = Uid(value, at + pos, "abstract syntax");
            }
            else if (type == ItemTransferSyntax)
            {
                if (syntaxes.Count == MaxTransferSyntaxesPerContext) throw Invalid($"presentation context {id} proposes more than {MaxTransferSyntaxesPerContext} transfer syntaxes", at + pos);
                syntaxes.Add(Uid(value, at + pos, "transfer syntax"));
            }
            else
            {
                throw new DicomNetworkException($"presentation context {id}: unrecognised sub-item 0x{type:X2} at offset {at + pos}") { AbortReason = 4 };
            }

            pos = next;
        }

        if (abstractSyntax is null) throw Invalid($"presentation context {id} has no abstract syntax", at);
        if (syntaxes.Count == 0) throw Invalid($"presentation context {id} proposes no transfer syntax", at);
        return new PresentationContextRequest(id, abstractSyntax, syntaxes);
    }

    private static PresentationContextResult ParseContextAc(ReadOnlySpan<byte> v, int at)
    {
        if (v.Length < 4) throw Invalid("presentation context item shorter than 4 bytes", at);
        byte id = v[0];
        byte result = v[2];
        if (result > 4) throw Invalid($"presentation context {id}: result {result} is not 0..4", at + 2);
        string ts = "";
        int pos = 4;
        while (pos < v.Length)
        {
            var (type, valueAt, valueLength, next) = NextItem(v, pos, "presentation context");
            var value = v.Slice(valueAt, valueLength);
            if (type == ItemTransferSyntax) ts = result == 0 ? Uid(value, at + pos, "transfer syntax") : "";
            pos = next;
        }

        if (result == 0 && ts.Length == 0) throw Invalid($"accepted presentation context {id} names no transfer syntax", at);
        return new PresentationContextResult(id, result, ts);
    }

    private sealed record UserInfo(uint MaxLength, string ImplementationClass, string? Version, UserIdentity? Identity, byte[]? IdentityResponse);

    private static UserInfo ParseUserInfo(ReadOnlySpan<byte> v, int at, bool request)
    {
        uint? max = null;
        string? implementation = null;
        string? version = null;
        UserIdentity? identity = null;
        byte[]? response = null;
        int pos = 0;
        while (pos < v.Length)
        {
            var (type, valueAt, valueLength, next) = NextItem(v, pos, "user information");
            var value = v.Slice(valueAt, valueLength);
            switch (type)
            {
                case SubMaxLength:
                    if (value.Length != 4) throw Invalid($"maximum length sub-item of length {value.Length} (expected 4)", at + pos);
                    max = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case SubImplementationClass:
                    implementation = Uid(value, at + pos, "implementation class UID");
                    break;
                case SubImplementationVersion:
                    if (value.Length > 16) throw Invalid($"implementation version name of {value.Length} bytes (at most 16)", at + pos);
                    version = Text(value);
                    break;
                case SubUserIdentityRq when request:
                    identity = ParseIdentity(value, at + pos);
                    break;
                case SubUserIdentityAc when !request:
                    if (value.Length < 2) throw Invalid("user identity response shorter than 2 bytes", at + pos);
                    int n = BinaryPrimitives.ReadUInt16BigEndian(value);
                    if (n > value.Length - 2) throw Invalid("user identity server response runs past its sub-item", at + pos);
                    response = value.Slice(2, n).ToArray();
                    break;
                default:
                    break; // other extended negotiation (async window, roles, SOP class extended ...) is not used: ignored
            }

            pos = next;
        }

        // PS3.7 D.3.3.1 / PS3.8 D.1: the maximum length and implementation class UID sub-items are mandatory.
        if (max is null) throw Invalid("user information has no maximum length sub-item", at);
        if (implementation is null) throw Invalid("user information has no implementation class UID sub-item", at);
        return new UserInfo(max.Value, implementation, version, identity, response);
    }

    private static UserIdentity ParseIdentity(ReadOnlySpan<byte> v, int at)
    {
        if (v.Length < 4) throw Invalid("user identity sub-item shorter than 4 bytes", at);
        byte type = v[0];
        if (type is < 1 or > 5) throw Invalid($"user identity type {type} is not 1..5", at);
        int n1 = BinaryPrimitives.ReadUInt16BigEndian(v[2..]);
        if (n1 > v.Length - 6) throw Invalid("user identity primary field runs past its sub-item", at);
        var primary = v.Slice(4, n1).ToArray();
        int n2 = BinaryPrimitives.ReadUInt16BigEndian(v[(4 + n1)..]);
        if (n2 != v.Length - 6 - n1) throw Invalid("user identity secondary field length does not match its sub-item", at);
        return new UserIdentity(type, v[1] == 1, primary, v.Slice(6 + n1, n2).ToArray());
    }

    /// <summary>An AE title field: 16 bytes of the default repertoire, leading and trailing spaces not significant (PS3.8 9.3.2).</summary>
    private static string AeTitle(ReadOnlySpan<byte> field, int at)
    {
        foreach (var b in field)
        {
            if (b is not 0 and (< 0x20 or > 0x7E)) throw Invalid($"AE title holds byte 0x{b:X2}", at);
        }

        return Encoding.ASCII.GetString(field).TrimEnd('\0').Trim();
    }

    /// <summary>A UID value: digits and dots, at most 64 characters, trailing NUL padding tolerated (PS3.5 9.1).</summary>
    private static string Uid(ReadOnlySpan<byte> value, int at, string what)
    {
        while (value.Length > 0 && value[^1] is 0 or 0x20) value = value[..^1];
        if (value.Length is 0 or > 64) throw Invalid($"{what} of {value.Length} characters (1..64)", at);
        foreach (var b in value)
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.')) throw Invalid($"{what} holds byte 0x{b:X2} (a UID is digits and dots)", at);
        }

        return Encoding.ASCII.GetString(value);
    }

    private static string Text(ReadOnlySpan<byte> value)
    {
        var chars = new char[value.Length];
        for (int i = 0; i < value.Length; i++) chars[i] = value[i] is >= 0x20 and <= 0x7E ? (char)value[i] : '?';
        return new string(chars).Trim();
    }

    private static DicomNetworkException Invalid(string message, int offset) =>
        new($"malformed PDU: {message} (at offset {offset} of the PDU body)") { AbortReason = 6 };
}
