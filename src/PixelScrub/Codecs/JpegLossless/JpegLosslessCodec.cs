using System.Buffers;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.JpegLossless;

/// <summary>
/// JPEG Lossless frame codec for 1.2.840.10008.1.2.4.57 (process 14, any predictor) and .70 (selection value 1).
/// Encoding .70 always uses predictor 1; encoding .57 uses the configured predictor.
/// </summary>
internal sealed class JpegLosslessCodec : IFrameCodec
{
    public static readonly JpegLosslessCodec Instance = new();

    private static readonly string[] Uids = [JpegLossless.Process14Uid, JpegLossless.SelectionValue1Uid];
    private readonly int _predictor;
    private readonly int _restartInterval;

    /// <param name="predictor">Selection value 1..7 for .57 output (T.81 Table H.1).</param>
    /// <param name="restartIntervalLines">Lines per restart interval (0: none).</param>
    public JpegLosslessCodec(int predictor = 1, int restartIntervalLines = 0)
    {
        if (predictor is < 1 or > 7) throw new ArgumentOutOfRangeException(nameof(predictor));
        if (restartIntervalLines < 0) throw new ArgumentOutOfRangeException(nameof(restartIntervalLines));
        _predictor = predictor;
        _restartInterval = restartIntervalLines;
    }

    public IReadOnlyList<string> TransferSyntaxUids => Uids;

    public bool CanEncode(string transferSyntaxUid) => IsLossless(transferSyntaxUid);

    public bool IsLossless(string transferSyntaxUid) =>
        transferSyntaxUid is JpegLossless.Process14Uid or JpegLossless.SelectionValue1Uid;

    public void Decode(string transferSyntaxUid, ReadOnlySpan<byte> compressedFrame, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        Check(transferSyntaxUid);
        JpegLosslessDecoder.Decode(compressedFrame, layout, destination, frameIndex);
    }

    public void Encode(string transferSyntaxUid, ReadOnlySpan<byte> nativeFrame, PixelLayout layout, IBufferWriter<byte> output, int frameIndex)
    {
        Check(transferSyntaxUid);
        int predictor = transferSyntaxUid == JpegLossless.SelectionValue1Uid ? 1 : _predictor;
        long interval = (long)_restartInterval * layout.Columns;
        if (interval > 65535)
            throw new UnsupportedInputException($"a restart interval of {_restartInterval} lines of {layout.Columns} samples exceeds 65535 MCUs");
        JpegLosslessEncoder.Encode(nativeFrame, layout, output, predictor, (int)interval);
    }

    private static void Check(string uid)
    {
        if (uid is not (JpegLossless.Process14Uid or JpegLossless.SelectionValue1Uid))
            throw new ArgumentException($"the JPEG Lossless codec does not handle transfer syntax {uid}", nameof(uid));
    }
}
