using System.Buffers;
using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// Every other encapsulated syntax with a registered codec (RLE, JPEG Lossless, JPEG-LS, JPEG 2000): each frame is
/// decoded, cleaned natively, and encoded again. Lossless syntaxes are written back in the same syntax, so every sample
/// outside the regions is bit-exact; lossy ones (JPEG-LS near-lossless, JPEG 2000 lossy) are stored as RLE Lossless so
/// no new loss is added, with Lossy Image Compression kept and a Derivation Description saying what was done.
/// </summary>
internal sealed class CodecCleaner(Func<FrameCodecRegistry> rentRegistry, Action<FrameCodecRegistry> returnRegistry) : IEncapsulatedCleaner
{
    public static readonly DicomTag DerivationDescription = new(0x0008, 0x2111);

    private const string MethodName = "decode-clean-encode";

    /// <summary>The syntaxes the default codecs decode (the same set in process or through a worker).</summary>
    private static readonly HashSet<string> Supported = FrameCodecRegistry.CreateDefault(null).TransferSyntaxUids.ToHashSet(StringComparer.Ordinal);

    public string Name => MethodName;

    public bool Handles(TransferSyntax syntax) => Supported.Contains(syntax.Uid);

    public CleanResult Clean(DicomFile file, DicomFragments pixelData, PixelLayout layout, PixelMask mask, CleanOptions options)
    {
        var registry = rentRegistry();
        try
        {
            return Clean(registry, file, pixelData, layout, mask, options);
        }
        finally
        {
            returnRegistry(registry);
        }
    }

    private static CleanResult Clean(FrameCodecRegistry registry, DicomFile file, DicomFragments pixelData, PixelLayout layout, PixelMask mask, CleanOptions options)
    {
        var syntax = file.TransferSyntax;
        var codec = registry.Require(syntax.Uid);
        var frames = EncapsulatedFrames.Locate(file.Dataset, pixelData, layout.NumberOfFrames);

        var decoded = DecodedLayout.Of(layout);
        bool sameSyntax = codec.IsLossless(syntax.Uid) && codec.CanEncode(syntax.Uid);
        var output = sameSyntax ? syntax : TransferSyntax.RleLossless;
        var encoder = sameSyntax ? codec : registry.Require(output.Uid);
        var palette = decoded.Photometric == "PALETTE COLOR" ? PaletteReader.Read(file.Dataset) : null;

        long frameBytes = decoded.BytesPerFrame;
        if (frameBytes > Array.MaxLength) throw new UnsupportedInputException($"a frame of {frameBytes} bytes is too large");
        var native = ArrayPool<byte>.Shared.Rent((int)frameBytes);
        var spool = new FrameSpool();
        file.Attach(spool);
        var encodedFrames = new ElementValue?[frames.Count];
        long cleaned = 0;
        try
        {
            for (int f = 0; f < frames.Count; f++)
            {
                var compressed = EncapsulatedFrames.ReadFrame(pixelData, frames[f]);
                var span = native.AsSpan(0, (int)frameBytes);
                codec.Decode(syntax.Uid, compressed, decoded, span, f);
                cleaned += NativeFrameCleaner.Clean(span, decoded, mask, options.Fill, palette);
                var writer = new ArrayBufferWriter<byte>(compressed.Length + 1024);
                encoder.Encode(output.Uid, span, decoded, writer, f);
                encodedFrames[f] = spool.Add(writer.WrittenSpan);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(native);
        }

        var notes = new List<string>();
        EncapsulatedRewrite.Apply(file.Dataset, pixelData, frames, encodedFrames);
        if (decoded.Photometric != layout.Photometric)
        {
            file.Dataset.SetString(PixelDataDescription.PhotometricInterpretation, DicomVR.CS, decoded.Photometric);
            notes.Add($"Photometric Interpretation {layout.Photometric} -> {decoded.Photometric} (frames re-encoded without a colour transform)");
        }

        if (!sameSyntax)
        {
            file.SetTransferSyntax(output);
            var previous = file.Dataset.GetString(DerivationDescription);
            var text = $"Burned-in annotation removed by PixelScrub; frames decoded from {syntax.Name} and stored as {output.Name} (no further loss).";
            file.Dataset.SetString(DerivationDescription, DicomVR.ST, string.IsNullOrEmpty(previous) ? text : previous + " " + text);
            notes.Add(codec.IsLossless(syntax.Uid)
                ? $"transfer syntax {syntax.Uid} is not encoded here: cleaned frames written as {output.Name} ({output.Uid}), lossless"
                : $"transfer syntax {syntax.Uid} is lossy: cleaned frames written as {output.Name} ({output.Uid}); Lossy Image Compression kept");
        }

        return new CleanResult($"{MethodName}:{(sameSyntax ? syntax.Name : syntax.Name + " -> " + output.Name)}", frames.Count, cleaned, notes);
    }
}
