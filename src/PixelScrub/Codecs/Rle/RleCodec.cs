using System.Buffers;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Rle;

/// <summary>RLE Lossless (1.2.840.10008.1.2.5) frame codec: decode and encode, 8/16/32 bits, 1 or 3 samples.</summary>
internal sealed class RleCodec : IFrameCodec
{
    public static readonly RleCodec Instance = new();

    private static readonly string[] Uids = [RleLossless.TransferSyntaxUid];

    public IReadOnlyList<string> TransferSyntaxUids => Uids;

    public bool CanEncode(string transferSyntaxUid) => transferSyntaxUid == RleLossless.TransferSyntaxUid;

    public bool IsLossless(string transferSyntaxUid) => transferSyntaxUid == RleLossless.TransferSyntaxUid;

    public void Decode(string transferSyntaxUid, ReadOnlySpan<byte> compressedFrame, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        Check(transferSyntaxUid);
        RleDecoder.Decode(compressedFrame, layout, destination, frameIndex);
    }

    public void Encode(string transferSyntaxUid, ReadOnlySpan<byte> nativeFrame, PixelLayout layout, IBufferWriter<byte> output, int frameIndex)
    {
        Check(transferSyntaxUid);
        RleEncoder.Encode(nativeFrame, layout, output);
    }

    private static void Check(string uid)
    {
        if (uid != RleLossless.TransferSyntaxUid)
            throw new ArgumentException($"the RLE codec does not handle transfer syntax {uid}", nameof(uid));
    }
}
