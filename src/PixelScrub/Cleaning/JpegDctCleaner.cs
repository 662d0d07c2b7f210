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
        // Both buffers rented for the file (a frame is usually a large-object allocation, several per file with new arrays:
        // BENCHMARKS.md §10f), grown when a later frame is longer; the output sized for the first frame, as redaction
        // rarely makes a frame longer.
        byte[] codestream = [];
        PooledBufferWriter? output = null;
        try
        {
            for (int f = 0; f < frames.Count; f++)
            {
                int length = EncapsulatedFrames.FrameLength(pixelData, frames[f]);
                if (codestream.Length < length)
                {
                    if (codestream.Length > 0) System.Buffers.ArrayPool<byte>.Shared.Return(codestream);
                    codestream = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
                }

                EncapsulatedFrames.ReadFrame(pixelData, frames[f], codestream);
                output ??= new PooledBufferWriter(length + 4096);
                output.ResetWrittenCount();
                var result = JpegRedactor.Redact(codestream.AsSpan(0, length), mask, mode, colors, output, f); // errors name frame f
                if (result.CopiedUnchanged) continue;
                newFrames[f] = spool.Add(output.WrittenSpan);
                blocks += result.TotalBlocksRedacted;
                if (result.HuffmanTablesRebuilt) notes.Add($"frame {f + 1}: a Huffman table lacked a needed code and was rebuilt (T.81 K.2)");
            }
        }
        finally
        {
            output?.Dispose();
            if (codestream.Length > 0) System.Buffers.ArrayPool<byte>.Shared.Return(codestream);
        }

        if (newFrames.Any(f => f is not null)) EncapsulatedRewrite.Apply(file.Dataset, pixelData, frames, newFrames);
        notes.Insert(0, $"{blocks} 8x8 blocks redacted in the DCT domain ({mode.ToString().ToLowerInvariant()})");
        return new CleanResult(Name, frames.Count, DicomPixelCleaner.CountCleaned(mask) * frames.Count, notes);
    }
}
