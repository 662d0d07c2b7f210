using System.Buffers.Binary;
using PixelScrub.Cleaning;
using PixelScrub.Dicom;

namespace PixelScrub.Pixels;

/// <summary>
/// Reads the Palette Color Lookup Tables of a dataset (PS3.3 C.7.6.3.1.5-6): descriptors (0028,1101-1103) and data
/// (0028,1201-1203), or segmented data (0028,1221-1223, C.7.9.2) expanded to plain tables.
/// </summary>
public static class PaletteReader
{
    public static PaletteLuts Read(DicomDataset ds) =>
        new(ReadOne(ds, 0x1101, 0x1201, 0x1221, "Red"), ReadOne(ds, 0x1102, 0x1202, 0x1222, "Green"), ReadOne(ds, 0x1103, 0x1203, 0x1223, "Blue"));

    private static PaletteLut ReadOne(DicomDataset ds, ushort descriptorElement, ushort dataElement, ushort segmentedElement, string colour)
    {
        var descriptor = ds.Get(new DicomTag(0x0028, descriptorElement))
            ?? throw new UnsupportedInputException($"PALETTE COLOR image without the {colour} Palette Color Lookup Table Descriptor");
        var d = descriptor.Value.GetBytes().Span;
        if (d.Length < 6) throw new UnsupportedInputException($"{colour} palette descriptor has {d.Length} bytes, not 3 values");
        int entries = U16(d, ds.BigEndian), bits = U16(d[4..], ds.BigEndian);
        int first = descriptor.VR == DicomVR.SS ? (short)U16(d[2..], ds.BigEndian) : U16(d[2..], ds.BigEndian);
        if (bits is not (8 or 16)) throw new UnsupportedInputException($"{colour} palette has {bits} bits per entry (8 or 16 expected)");
        int count = entries == 0 ? 65536 : entries;

        ushort[] words;
        var data = ds.Get(new DicomTag(0x0028, dataElement));
        var segmented = ds.Get(new DicomTag(0x0028, segmentedElement));
        if (data is not null && data.Value.Length > 0)
        {
            var b = data.Value.GetBytes().Span;
            // 8-bit entries may be packed two per word (PS3.3 C.7.6.3.1.6); expand them to one word each.
            if (bits == 8 && b.Length == count)
            {
                words = new ushort[count];
                for (int i = 0; i < count; i++) words[i] = b[i];
            }
            else
            {
                if (b.Length < count * 2) throw new UnsupportedInputException($"{colour} palette data holds {b.Length} bytes for {count} entries");
                words = new ushort[count];
                for (int i = 0; i < count; i++) words[i] = U16(b[(i * 2)..], ds.BigEndian);
            }
        }
        else if (segmented is not null)
        {
            var b = segmented.Value.GetBytes().Span;
            var segmentWords = new ushort[b.Length / 2];
            for (int i = 0; i < segmentWords.Length; i++) segmentWords[i] = U16(b[(i * 2)..], ds.BigEndian);
            words = ExpandSegmented(segmentWords, count, colour);
        }
        else
        {
            throw new UnsupportedInputException($"PALETTE COLOR image without {colour} palette data");
        }

        return new PaletteLut(entries, first, bits, words);
    }

    /// <summary>Expands segmented palette data (PS3.3 C.7.9.2) with the renderer's expander, so both agree.</summary>
    internal static ushort[] ExpandSegmented(ReadOnlySpan<ushort> segments, int count, string colour)
    {
        var output = new ushort[count];
        int written;
        try
        {
            written = Imaging.SegmentedLut.Expand(segments, output);
        }
        catch (UnsupportedInputException ex)
        {
            throw new UnsupportedInputException($"{colour} palette: {ex.Message}", ex);
        }

        if (written < count) throw new UnsupportedInputException($"{colour} segmented palette expands to {written} entries, {count} declared");
        return output;
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
}
