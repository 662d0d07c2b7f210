using System.Buffers;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs;

/// <summary>
/// Decodes and encodes ONE frame of encapsulated pixel data for the transfer syntaxes it names. Codecs are
/// registered explicitly by UID (<see cref="FrameCodecRegistry"/>); nothing is discovered by reflection.
/// </summary>
internal interface IFrameCodec
{
    /// <summary>The transfer syntax UIDs this codec decodes.</summary>
    IReadOnlyList<string> TransferSyntaxUids { get; }

    /// <summary>True when <paramref name="transferSyntaxUid"/> is a lossless syntax that this codec can also write.</summary>
    bool CanEncode(string transferSyntaxUid);

    /// <summary>True when the syntax is lossless (decode-clean-encode keeps every other sample bit-exact).</summary>
    bool IsLossless(string transferSyntaxUid);

    /// <summary>
    /// Decodes one frame into <paramref name="destination"/> as native DICOM pixel data: little endian, samples
    /// ordered by the layout's Planar Configuration, exactly <see cref="PixelLayout.BytesPerFrame"/> bytes.
    /// Corrupt data throws <see cref="JpegFormatException"/> or <see cref="DicomFormatException"/> naming
    /// <paramref name="frameIndex"/>; a missing library throws <see cref="UnsupportedInputException"/>.
    /// </summary>
    void Decode(string transferSyntaxUid, ReadOnlySpan<byte> compressedFrame, PixelLayout layout, Span<byte> destination, int frameIndex);

    /// <summary>
    /// Encodes one native frame (layout's byte order and Planar Configuration) in <paramref name="transferSyntaxUid"/>
    /// and appends the compressed frame (even length, ready to be one fragment) to <paramref name="output"/>.
    /// </summary>
    void Encode(string transferSyntaxUid, ReadOnlySpan<byte> nativeFrame, PixelLayout layout, IBufferWriter<byte> output, int frameIndex);
}
