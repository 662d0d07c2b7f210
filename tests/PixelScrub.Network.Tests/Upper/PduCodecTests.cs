using PixelScrub.Network.Dimse;
using PixelScrub.Network.Upper;

namespace PixelScrub.Network.Tests.Upper;

public sealed class PduCodecTests
{
    internal static AssociateRequest SampleRequest() => new()
    {
        CalledAe = "NODE", CallingAe = "MODALITY", MaxPduLength = 16384, ImplementationClassUid = "1.2.3.4", ImplementationVersion = "TEST_1",
        PresentationContexts =
        [
            new(1, "1.2.840.10008.5.1.4.1.1.2", ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"]),
            new(3, "1.2.840.10008.5.1.4.1.1.7", ["1.2.840.10008.1.2.4.50"]),
        ],
        UserIdentity = new UserIdentity(2, true, "alice"u8.ToArray(), "secret"u8.ToArray()),
    };

    [Fact]
    public void Associate_request_round_trips()
    {
        var bytes = PduCodec.Encode(SampleRequest());
        Assert.Equal((byte)PduType.AssociateRequest, bytes[0]);
        Assert.Equal(bytes.Length - 6, (bytes[2] << 24) | (bytes[3] << 16) | (bytes[4] << 8) | bytes[5]);
        var rq = PduCodec.ParseAssociateRequest(bytes.AsSpan(6));
        Assert.Equal("NODE", rq.CalledAe);
        Assert.Equal("MODALITY", rq.CallingAe);
        Assert.Equal(16384u, rq.MaxPduLength);
        Assert.Equal("1.2.3.4", rq.ImplementationClassUid);
        Assert.Equal("TEST_1", rq.ImplementationVersion);
        Assert.Equal(2, rq.PresentationContexts.Count);
        Assert.Equal(["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"], rq.PresentationContexts[0].TransferSyntaxes);
        Assert.Equal("alice", System.Text.Encoding.ASCII.GetString(rq.UserIdentity!.Primary));
        Assert.Equal("secret", System.Text.Encoding.ASCII.GetString(rq.UserIdentity.Secondary));
        Assert.True(rq.UserIdentity.ResponseRequested);
    }

    [Fact]
    public void Associate_accept_round_trips()
    {
        var ac = new AssociateAccept
        {
            CalledAe = "NODE", CallingAe = "MODALITY", MaxPduLength = 0, ImplementationClassUid = "1.2.3", ImplementationVersion = "V",
            Results = [new(1, 0, "1.2.840.10008.1.2.1"), new(3, PresentationContextResult.AbstractSyntaxNotSupported, "1.2.840.10008.1.2")],
            UserIdentityResponse = [1, 2, 3],
        };
        var parsed = PduCodec.ParseAssociateAccept(PduCodec.Encode(ac).AsSpan(6));
        Assert.Equal(0u, parsed.MaxPduLength);
        Assert.True(parsed.Results[0].Accepted);
        Assert.Equal("1.2.840.10008.1.2.1", parsed.Results[0].TransferSyntax);
        Assert.False(parsed.Results[1].Accepted);
        Assert.Equal([1, 2, 3], parsed.UserIdentityResponse);
    }

    [Fact]
    public void Reject_abort_and_release_have_the_fixed_layout()
    {
        Assert.Equal([3, 0, 0, 0, 0, 4, 0, 1, 1, 3], PduCodec.Encode(AssociateReject.CallingAeNotRecognized));
        Assert.Equal([7, 0, 0, 0, 0, 4, 0, 0, 2, 6], PduCodec.EncodeAbort(2, 6));
        Assert.Equal([5, 0, 0, 0, 0, 4, 0, 0, 0, 0], PduCodec.EncodeReleaseRequest());
        Assert.Equal([6, 0, 0, 0, 0, 4, 0, 0, 0, 0], PduCodec.EncodeReleaseResponse());
    }

    [Fact]
    public void A_PDV_header_names_context_command_and_last_fragment()
    {
        var h = new byte[12];
        PduCodec.WritePDataHeader(h, 5, command: true, last: true, dataLength: 100);
        Assert.Equal(Convert.FromHexString("04000000006A000000660503"), h);
        var (id, control, offset, length, next) = PduCodec.NextPdv([.. h.AsSpan(6).ToArray(), .. new byte[100]], 0);
        Assert.Equal((5, 3, 6, 100, 106), (id, control, offset, length, next));
    }

    [Theory]
    [InlineData("0001", "shorter than its fixed fields")]
    [InlineData("00000000" + "4E4F4445202020202020202020202020" + "4D4F44414C4954592020202020202020" + "0000000000000000000000000000000000000000000000000000000000000000", "protocol version")]
    public void Malformed_requests_throw_our_exception(string hex, string expected)
    {
        var ex = Assert.Throws<DicomNetworkException>(() => PduCodec.ParseAssociateRequest(Convert.FromHexString(hex)));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void An_item_running_past_the_PDU_is_refused_with_its_offset()
    {
        var bytes = PduCodec.Encode(SampleRequest());
        var body = bytes.AsSpan(6).ToArray();
        body[68 + 2] = 0xFF; // application context item length
        body[68 + 3] = 0xFF;
        var ex = Assert.Throws<DicomNetworkException>(() => PduCodec.ParseAssociateRequest(body));
        Assert.Contains("runs past the PDU", ex.Message);
        Assert.Contains("offset 68", ex.Message);
    }

    [Fact]
    public void Command_sets_round_trip_in_implicit_little_endian_with_group_length()
    {
        var cmd = new CommandSet().Set(CommandSet.AffectedSopClassUid, "1.2.840.10008.1.1").Set(CommandSet.CommandFieldTag, CommandField.CEchoRequest)
            .Set(CommandSet.MessageId, 7).Set(CommandSet.CommandDataSetType, CommandSet.NoDataSet);
        var bytes = cmd.Encode();
        Assert.Equal("0000000004000000", Convert.ToHexString(bytes, 0, 8));
        Assert.Equal(bytes.Length - 12, BitConverter.ToInt32(bytes, 8));
        var parsed = CommandSet.Parse(bytes);
        Assert.Equal(CommandField.CEchoRequest, parsed.Field);
        Assert.Equal((ushort)7, parsed.UInt16(CommandSet.MessageId));
        Assert.Equal("1.2.840.10008.1.1", parsed.String(CommandSet.AffectedSopClassUid));
        Assert.False(parsed.HasDataSet);
    }

    [Fact]
    public void A_PDU_longer_than_the_limit_is_refused_before_its_body_is_read()
    {
        var header = new byte[] { 4, 0, 0x7F, 0xFF, 0xFF, 0xFF };
        using var pdus = new PduStream(new MemoryStream(header), new AssociationLimits());
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DicomNetworkException>(() => pdus.Read(1 << 20, TimeSpan.FromSeconds(5)));
        Assert.Contains("exceeds the limit", ex.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }
}
