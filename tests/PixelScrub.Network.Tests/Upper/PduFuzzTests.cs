using System.Diagnostics;
using PixelScrub.Network.Dimse;
using PixelScrub.Network.Upper;

namespace PixelScrub.Network.Tests.Upper;

/// <summary>
/// A seeded, bounded fuzz of the PDU parsers (STYLE.md, tests): valid PDUs with bytes flipped, inserted, cut and lengths
/// rewritten, parsed by every entry point. Invariants: only <see cref="DicomNetworkException"/> escapes, each parse ends
/// quickly, and allocation stays bounded by the input (no length field makes us allocate what is not there).
/// </summary>
public sealed class PduFuzzTests
{
    private const int Iterations = 4000;

    [Fact]
    public void Mutated_PDUs_throw_only_our_exception_quickly_and_allocate_little()
    {
        var random = new Random(20261206);
        var seeds = new List<byte[]>
        {
            PduCodec.Encode(PduCodecTests.SampleRequest()),
            PduCodec.Encode(new AssociateAccept
            {
                CalledAe = "A", CallingAe = "B", Results = [new(1, 0, "1.2.840.10008.1.2"), new(3, 4, "1.2")], ImplementationClassUid = "1.2",
                UserIdentityResponse = [9],
            }),
            PData(new CommandSet().Set(CommandSet.CommandFieldTag, CommandField.CEchoRequest).Set(CommandSet.MessageId, 1)
                .Set(CommandSet.CommandDataSetType, CommandSet.NoDataSet).Set(CommandSet.AffectedSopClassUid, "1.2.840.10008.1.1").Encode()),
            PduCodec.Encode(AssociateReject.LocalLimitExceeded),
        };

        int parsed = 0;
        var slowest = TimeSpan.Zero;
        for (int i = 0; i < Iterations; i++)
        {
            var input = Mutate(seeds[i % seeds.Count], random);
            var clock = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                ParseEverything(input);
                parsed++;
            }
            catch (DicomNetworkException)
            {
                // expected for most mutations
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 512 * 1024 + 64L * input.Length, $"iteration {i}: {allocated} bytes allocated for a {input.Length}-byte PDU");
            if (clock.Elapsed > slowest) slowest = clock.Elapsed;
        }

        Assert.True(slowest < TimeSpan.FromSeconds(1), $"slowest parse took {slowest}");
        Assert.InRange(parsed, 1, Iterations - 1); // both outcomes were exercised
    }

    /// <summary>Every parser on the same bytes: the PDU reader (with a limit), then the body parser for its type.</summary>
    private static void ParseEverything(byte[] input)
    {
        using var pdus = new PduStream(new MemoryStream(input), new AssociationLimits());
        var pdu = pdus.Read(1 << 16, TimeSpan.FromSeconds(1));
        var body = pdu.Body.ToArray();
        switch (pdu.Type)
        {
            case PduType.AssociateRequest: PduCodec.ParseAssociateRequest(body); break;
            case PduType.AssociateAccept: PduCodec.ParseAssociateAccept(body); break;
            case PduType.AssociateReject: PduCodec.ParseAssociateReject(body); break;
            case PduType.Data:
                int pos = 0;
                var command = new List<byte>();
                while (pos < body.Length)
                {
                    var (_, control, offset, length, next) = PduCodec.NextPdv(body, pos);
                    if ((control & 1) != 0) command.AddRange(body.AsSpan(offset, length).ToArray());
                    pos = next;
                }

                if (command.Count > 0) CommandSet.Parse([.. command]);
                break;
        }
    }

    private static byte[] PData(byte[] command)
    {
        var pdu = new byte[12 + command.Length];
        PduCodec.WritePDataHeader(pdu, 1, true, true, command.Length);
        command.CopyTo(pdu, 12);
        return pdu;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var b = new List<byte>(seed);
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits; e++)
        {
            if (b.Count == 0) b.Add(0);
            int at = random.Next(b.Count);
            switch (random.Next(6))
            {
                case 0: b[at] = (byte)random.Next(256); break;
                case 1: b[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: b.Insert(at, (byte)random.Next(256)); break;
                case 3: b.RemoveRange(at, Math.Min(b.Count - at, random.Next(1, 16))); break;
                case 4: // a 16-bit length somewhere set to an extreme
                    if (at + 1 < b.Count) { b[at] = 0xFF; b[at + 1] = (byte)random.Next(256); }
                    break;
                default: // a 32-bit length set large
                    if (at + 3 < b.Count) { b[at] = 0x7F; b[at + 1] = 0xFF; b[at + 2] = 0xFF; b[at + 3] = 0xF0; }
                    break;
            }
        }

        // Keep the PDU header's length consistent half the time, so the body parsers see the mutations.
        if (random.Next(2) == 0 && b.Count >= 6)
        {
            int len = b.Count - 6;
            b[2] = (byte)(len >> 24); b[3] = (byte)(len >> 16); b[4] = (byte)(len >> 8); b[5] = (byte)len;
        }

        return [.. b];
    }
}
