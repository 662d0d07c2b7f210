using System.Diagnostics.CodeAnalysis;

namespace PixelScrub.Codecs;

/// <summary>
/// The codecs the pipeline may use, registered explicitly by transfer syntax UID. Lookups never throw;
/// <see cref="Require"/> throws <see cref="UnsupportedInputException"/> naming the UID.
/// </summary>
internal sealed class FrameCodecRegistry
{
    private readonly Dictionary<string, IFrameCodec> _byUid = new(StringComparer.Ordinal);

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
