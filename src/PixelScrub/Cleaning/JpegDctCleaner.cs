using PixelScrub.Codecs.Jpeg;
using PixelScrub.Dicom;
using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// JPEG Baseline (1.2.840.10008.1.2.4.50) and Extended (.51): every frame is redacted in the DCT domain by
/// <see cref="JpegRedactor"/> (no decompression, no new loss), frames without a touched block keep their original
/// fragments, and the offset tables are rewritten. The transfer syntax and Lossy Image Compression attributes stay.
/// </summary>
internal sealed class JpegDctCleaner : IEncapsulatedCleaner
{
    public string Name => "jpeg-dct";

    public bool Handles(TransferSyntax syntax) => syntax == TransferSyntax.JpegBaseline || syntax == TransferSyntax.JpegExtended;

    public CleanResult Clean(DicomFile file, DicomFragments pixelData, PixelLayout layout, PixelMask mask, CleanOptions options)
    {
        var frames = EncapsulatedFrames.Locate(file.Dataset, pixelData, layout.NumberOfFrames);
        var mode = options.Jpeg == JpegRedaction.Blur ? JpegRedactMode.Blur : options.Fill == FillMode.Gray ? JpegRedactMode.Gray : JpegRedactMode.Fill;
        var colors = layout.Photometric switch
        {
            "MONOCHROME1" => JpegColorModel.InvertedMonochrome,
            "MONOCHROME2" => JpegColorModel.Monochrome,
            "YBR_FULL" or "YBR_FULL_422" => JpegColorModel.YCbCr,
            // PS3.5 8.2.1: RGB means the components were coded without a colour transform; DCMTK decodes it so.
            "RGB" => JpegColorModel.Rgb,
            _ => JpegColorModel.Auto,
        };

        var spool = new FrameSpool();
        file.Attach(spool);
        var newFrames = new ElementValue?[frames.Count];
        long blocks = 0;
        var notes = new List<string>();
        System.Buffers.ArrayBufferWriter<byte>? output = null;
        for (int f = 0; f < frames.Count; f++)
        {
            var codestream = EncapsulatedFrames.ReadFrame(pixelData, frames[f]);
            // Sized for the first frame (redaction rarely makes a frame longer): grown from the default 256 bytes by
            // doubling, each frame cost several large-object allocations, and those trigger background collections.
            output ??= new System.Buffers.ArrayBufferWriter<byte>(codestream.Length + 4096);
            output.ResetWrittenCount();
            var result = JpegRedactor.Redact(codestream, mask, mode, colors, output, f); // errors name frame f
            if (result.CopiedUnchanged) continue;
            newFrames[f] = spool.Add(output.WrittenSpan);
            blocks += result.TotalBlocksRedacted;
            if (result.HuffmanTablesRebuilt) notes.Add($"frame {f + 1}: a Huffman table lacked a needed code and was rebuilt (T.81 K.2)");
        }

        if (newFrames.Any(f => f is not null)) EncapsulatedRewrite.Apply(file.Dataset, pixelData, frames, newFrames);
        notes.Insert(0, $"{blocks} 8x8 blocks redacted in the DCT domain ({mode.ToString().ToLowerInvariant()})");
        return new CleanResult(Name, frames.Count, DicomPixelCleaner.CountCleaned(mask) * frames.Count, notes);
    }
}
