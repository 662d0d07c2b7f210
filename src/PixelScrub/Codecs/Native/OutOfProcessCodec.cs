using System.Buffers;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// The JPEG-LS and JPEG 2000 codecs as the pipeline registers them: every frame goes to a worker process
/// through <see cref="NativeCodecClient"/>, so a native fault is a per-file error, never the end of the run.
/// </summary>
internal sealed class OutOfProcessCodec : IFrameCodec
{
    private static readonly string[] Uids = [CharLsCodec.LosslessUid, CharLsCodec.NearLosslessUid, OpenJpegCodec.LosslessUid, OpenJpegCodec.LossyUid,
        OpenJpegCodec.HtLosslessUid, OpenJpegCodec.HtLosslessRpclUid, OpenJpegCodec.HtUid];
    private readonly NativeCodecClient _client;

    public OutOfProcessCodec(NativeCodecClient client) => _client = client;

    public IReadOnlyList<string> TransferSyntaxUids => Uids;

    public bool CanEncode(string transferSyntaxUid) => transferSyntaxUid is CharLsCodec.LosslessUid or OpenJpegCodec.LosslessUid;

    public bool IsLossless(string transferSyntaxUid) =>
        transferSyntaxUid is CharLsCodec.LosslessUid or OpenJpegCodec.LosslessUid or OpenJpegCodec.HtLosslessUid or OpenJpegCodec.HtLosslessRpclUid;

    public void Decode(string transferSyntaxUid, ReadOnlySpan<byte> compressedFrame, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        if (destination.Length < layout.BytesPerFrame)
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {layout.BytesPerFrame}", nameof(destination));
        _client.Decode(transferSyntaxUid, compressedFrame, layout, frameIndex).CopyTo(destination);
    }

    public void Encode(string transferSyntaxUid, ReadOnlySpan<byte> nativeFrame, PixelLayout layout, IBufferWriter<byte> output, int frameIndex)
    {
        byte[] encoded = _client.Encode(transferSyntaxUid, nativeFrame, layout, frameIndex);
        encoded.CopyTo(output.GetSpan(encoded.Length));
        output.Advance(encoded.Length);
    }
}
