using System.Buffers;
using PixelScrub.Dicom;
using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// Cleans the pixels of one fully read file in memory-bounded fashion: native pixel data is re-streamed frame by frame
/// through <see cref="NativeFrameCleaner"/> when the file is written; encapsulated data goes to the cleaner registered
/// for its transfer syntax. Icons, overlays and Burned In Annotation are handled per <see cref="CleanOptions"/>.
/// </summary>
internal sealed class DicomPixelCleaner(IReadOnlyList<IEncapsulatedCleaner> encapsulated)
{
    public static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);

    public IReadOnlyList<IEncapsulatedCleaner> Encapsulated { get; } = encapsulated;

    /// <summary>
    /// Cleans <paramref name="file"/> (read completely, not header-only) under <paramref name="mask"/>. On any exception the
    /// pixel data is left as it was and the caller must not write the file.
    /// </summary>
    public CleanResult Clean(DicomFile file, PixelMask mask, CleanOptions options)
    {
        if (file.PixelDataInfo is not null) throw new InvalidOperationException("the file was read header-only: call ReadRemainder first");
        var ds = file.Dataset;
        var pixel = PixelDataDescription.FindPixelElement(ds)
            ?? throw new UnsupportedInputException("a rule asks to clean pixels but the file has no pixel data");
        var layout = PixelDataDescription.Read(ds, file.TransferSyntax, pixel.Tag);
        if (mask.Columns != layout.Columns || mask.Rows != layout.Rows)
        {
            throw new ArgumentException($"mask is {mask.Columns}x{mask.Rows}, image is {layout.Columns}x{layout.Rows}");
        }

        CleanResult result;
        if (pixel is DicomFragments fragments)
        {
            var cleaner = Encapsulated.FirstOrDefault(c => c.Handles(file.TransferSyntax))
                ?? throw new UnsupportedInputException($"no cleaner for transfer syntax {file.TransferSyntax.Name} ({file.TransferSyntax.Uid})");
            result = mask.IsEmpty
                ? new CleanResult(cleaner.Name, layout.NumberOfFrames, 0, [])
                : cleaner.Clean(file, fragments, layout, mask, options);
        }
        else
        {
            if (file.TransferSyntax.IsEncapsulated)
            {
                throw new DicomFormatException($"pixel data of defined length in an encapsulated transfer syntax ({file.TransferSyntax.Uid})", pixel.SourceOffset, pixel.Tag.Value);
            }

            result = mask.IsEmpty ? new CleanResult("native", layout.NumberOfFrames, 0, []) : CleanNative(ds, pixel, layout, mask, options);
        }

        var notes = new List<string>(result.Notes);
        if (options.Jpeg == JpegRedaction.Blur && result.PixelsCleaned > 0 && result.Method != "jpeg-dct")
        {
            // Blur (keep each 8x8 block's mean) exists only in the JPEG DCT domain; say what was done instead.
            notes.Add($"--fill blur applies to JPEG Baseline/Extended only: this {result.Method} pixel data was filled {(options.Fill == FillMode.Gray ? "gray" : "black")}");
        }

        HandleIcons(file, options, notes);
        HandleOverlays(ds, layout, mask, options, notes);
        if (options.SetBurnedInAnnotation)
        {
            ds.SetString(BurnedInAnnotation, DicomVR.CS, "NO");
            notes.Add("Burned In Annotation set to NO");
        }

        return result with { Notes = notes };
    }

    private static CleanResult CleanNative(DicomDataset ds, DicomElement pixel, PixelLayout layout, PixelMask mask, CleanOptions options)
    {
        var source = pixel.Value;
        long needed = layout.TotalBytes;
        if (source.Length < needed)
        {
            throw new DicomFormatException(
                $"pixel data holds {source.Length} bytes but {layout.Columns}x{layout.Rows}x{layout.SamplesPerPixel} samples of {layout.BitsAllocated} bits in {layout.NumberOfFrames} frame(s) need {needed}",
                pixel.SourceOffset, pixel.Tag.Value);
        }

        var palette = layout.Photometric == "PALETTE COLOR" ? PaletteReader.Read(ds) : null;
        long perFrame = CountCleaned(mask);
        if (perFrame == 0) return new CleanResult("native", layout.NumberOfFrames, 0, ["every clean region lies outside the image"]);

        // In memory: 1-bit data, whose frames need not start on a byte boundary (PS3.5 8.1.1), and 8-bit samples in
        // big endian OW, whose 16-bit words are byte-swapped in the file across frame boundaries (PS3.5 A.3 notes). Both
        // are small in practice.
        bool swapWords = layout.BigEndian && layout.BitsAllocated == 8 && pixel.VR == DicomVR.OW;
        if (layout.BitsAllocated == 1 || swapWords)
        {
            var bytes = source.GetBytes().ToArray();
            if (swapWords) SwapWords(bytes);
            var littleEndian = swapWords ? layout with { BigEndian = false } : layout;
            long cleaned = NativeFrameCleaner.CleanFrames(bytes, littleEndian, mask, options.Fill, palette);
            if (swapWords) SwapWords(bytes);
            ds.Set(new DicomElement(pixel.Tag, pixel.VR, ElementValue.FromBytes(bytes)) { SourceOffset = pixel.SourceOffset });
            return new CleanResult("native", layout.NumberOfFrames, cleaned, []);
        }

        // Integer fills do not depend on the frame: resolve once so a bad palette fails now, before writing starts.
        FillValues? fixedFill = layout.Format == SampleFormat.Integer ? FillValues.For(layout, options.Fill, palette) : null;
        long frameBytes = layout.BytesPerFrame;
        if (frameBytes > Array.MaxLength) throw new UnsupportedInputException($"a frame of {frameBytes} bytes is too large");
        var value = new StreamedValue(source.Length, destination =>
        {
            using var input = source is FileRangeValue range ? range.OpenRange() : new MemoryStream(source.GetBytes().ToArray(), writable: false);
            var buffer = ArrayPool<byte>.Shared.Rent((int)frameBytes);
            try
            {
                var frame = buffer.AsSpan(0, (int)frameBytes);
                for (int f = 0; f < layout.NumberOfFrames; f++)
                {
                    input.ReadExactly(frame);
                    if (fixedFill is not null) NativeFrameCleaner.Clean(frame, layout, mask, fixedFill);
                    else NativeFrameCleaner.Clean(frame, layout, mask, options.Fill, palette);
                    destination.Write(frame);
                }

                input.CopyTo(destination); // trailing padding byte, if any
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        ds.Set(new DicomElement(pixel.Tag, pixel.VR, value) { SourceOffset = pixel.SourceOffset });
        return new CleanResult("native", layout.NumberOfFrames, perFrame * layout.NumberOfFrames, []);
    }

    private static void SwapWords(Span<byte> b)
    {
        for (int i = 0; i + 1 < b.Length; i += 2) (b[i], b[i + 1]) = (b[i + 1], b[i]);
    }

    /// <summary>Pixels the mask cleans in one frame.</summary>
    public static long CountCleaned(PixelMask mask)
    {
        long n = 0;
        for (int y = 0; y < mask.Rows; y++)
        {
            foreach (var (x0, x1) in mask.CleanRuns(y)) n += x1 - x0;
        }

        return n;
    }

    private static void HandleIcons(DicomFile file, CleanOptions options, List<string> notes)
    {
        var ds = file.Dataset;
        bool hadTopLevel = ds.Contains(HiddenPixels.IconImageSequence);
        int removed = HiddenPixels.RemoveIcons(ds);
        if (removed == 0) return;
        notes.Add($"{removed} Icon Image Sequence(s) removed");
        if (options.Icons != IconPolicy.Regenerate || !hadTopLevel) return;

        // PS3.3 F.7: an icon is a small MONOCHROME2 or RGB 8-bit image; rebuilt from the cleaned middle frame.
        var image = Imaging.DicomImage.FromFile(file);
        var rendered = image.Render(image.FrameCount / 2, decoder: new Imaging.CodecFrameDecoder(Codecs.FrameCodecRegistry.CreateDefault(null)));
        var icon = IconBuilder.Build(rendered.Pixels, rendered.Width, rendered.Height, rendered.Channels);
        var item = new DicomDataset(ds.BigEndian, ds);
        item.SetUInt16(PixelDataDescription.SamplesPerPixel, (ushort)icon.Channels);
        item.SetString(PixelDataDescription.PhotometricInterpretation, DicomVR.CS, icon.Photometric);
        if (icon.Channels == 3) item.SetUInt16(PixelDataDescription.PlanarConfiguration, 0);
        item.SetUInt16(PixelDataDescription.Rows, (ushort)icon.Rows);
        item.SetUInt16(PixelDataDescription.Columns, (ushort)icon.Columns);
        item.SetUInt16(PixelDataDescription.BitsAllocated, 8);
        item.SetUInt16(PixelDataDescription.BitsStored, 8);
        item.SetUInt16(PixelDataDescription.HighBit, 7);
        item.SetUInt16(PixelDataDescription.PixelRepresentation, 0);
        var bytes = icon.Pixels;
        if ((bytes.Length & 1) == 1) Array.Resize(ref bytes, bytes.Length + 1);
        item.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, ElementValue.FromBytes(bytes)));
        var sequence = new DicomSequence(HiddenPixels.IconImageSequence, DicomVR.SQ, undefinedLength: false);
        sequence.Items.Add(item);
        ds.Set(sequence);
        notes.Add($"Icon Image Sequence rebuilt from the cleaned pixels ({icon.Columns}x{icon.Rows} {icon.Photometric})");
    }

    private static void HandleOverlays(DicomDataset ds, PixelLayout layout, PixelMask mask, CleanOptions options, List<string> notes)
    {
        var groups = HiddenPixels.OverlayGroups(ds);
        if (groups.Count == 0) return;
        if (options.Overlays == OverlayPolicy.Remove)
        {
            int n = ds.RemoveAll(e => HiddenPixels.IsOverlayElement(e.Tag));
            notes.Add($"{groups.Count} overlay plane(s) removed ({n} elements)");
            return;
        }

        foreach (var g in groups)
        {
            var data = ds.Get(new DicomTag(g, 0x3000))!;
            int rows = (int)(ds.GetInteger(new DicomTag(g, 0x0010)) ?? throw new UnsupportedInputException($"overlay {g:X4} has no Overlay Rows"));
            int cols = (int)(ds.GetInteger(new DicomTag(g, 0x0011)) ?? throw new UnsupportedInputException($"overlay {g:X4} has no Overlay Columns"));
            int originRow = (int)(ds.GetInteger(new DicomTag(g, 0x0050), 0) ?? 1);
            int originCol = (int)(ds.GetInteger(new DicomTag(g, 0x0050), 1) ?? 1);
            int frames = (int)(ds.GetInteger(new DicomTag(g, 0x0015)) ?? 1);
            var bytes = data.Value.GetBytes().ToArray();
            long cleared = OverlayCleaner.Clean(bytes, rows, cols, originRow, originCol, frames, mask, ds.BigEndian && data.VR == DicomVR.OW);
            ds.Set(new DicomElement(data.Tag, data.VR, ElementValue.FromBytes(bytes)));
            notes.Add($"overlay plane {g:X4}: {cleared} bit(s) cleared under the clean regions");
        }
    }
}
