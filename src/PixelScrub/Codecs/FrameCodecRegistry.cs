using System.Diagnostics.CodeAnalysis;
using PixelScrub.Codecs.JpegLossless;
using PixelScrub.Codecs.Native;
using PixelScrub.Codecs.Rle;

namespace PixelScrub.Codecs;

/// <summary>
/// The codecs the pipeline may use, registered explicitly by transfer syntax UID. Lookups never throw;
/// <see cref="Require"/> throws <see cref="UnsupportedInputException"/> naming the UID.
/// </summary>
internal sealed class FrameCodecRegistry
{
    private readonly Dictionary<string, IFrameCodec> _byUid = new(StringComparer.Ordinal);

    /// <summary>
    /// RLE Lossless and JPEG Lossless (managed), JPEG-LS and JPEG 2000 (native). With a client the native codecs
    /// run in its worker process (what the pipeline should use: a library fault fails one file, not the run);
    /// without one they run in this process (for the worker itself and for tests).
    /// </summary>
    public static FrameCodecRegistry CreateDefault(NativeCodecClient? nativeWorker)
    {
        var registry = new FrameCodecRegistry().Add(RleCodec.Instance).Add(JpegLosslessCodec.Instance);
        if (nativeWorker is not null) return registry.Add(new OutOfProcessCodec(nativeWorker));
        return registry.Add(new CharLsCodec()).Add(new OpenJpegCodec());
    }

    /// <summary>Registers <paramref name="codec"/> for every UID it names; a later registration wins.</summary>
    public FrameCodecRegistry Add(IFrameCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        foreach (var uid in codec.TransferSyntaxUids) _byUid[uid] = codec;
        return this;
    }

    public bool TryGet(string transferSyntaxUid, [NotNullWhen(true)] out IFrameCodec? codec) =>
        _byUid.TryGetValue(transferSyntaxUid, out codec);

    public IFrameCodec Require(string transferSyntaxUid) =>
        _byUid.TryGetValue(transferSyntaxUid, out var codec)
            ? codec
            : throw new UnsupportedInputException($"no codec is registered for transfer syntax {transferSyntaxUid}");

    public IEnumerable<string> TransferSyntaxUids => _byUid.Keys;
}
