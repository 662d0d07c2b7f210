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

    /// <summary>Expands segmented palette data (PS3.3 C.7.9.2): discrete (0), linear (1) and indirect (2) segments.</summary>
    internal static ushort[] ExpandSegmented(ReadOnlySpan<ushort> segments, int count, string colour)
    {
        var output = new List<ushort>(count);
        Expand(segments, 0, segments.Length, output, count, colour, 0);
        if (output.Count < count) throw new UnsupportedInputException($"{colour} segmented palette expands to {output.Count} entries, {count} declared");
        return output.GetRange(0, count).ToArray();
    }

    private static void Expand(ReadOnlySpan<ushort> s, int start, int end, List<ushort> output, int count, string colour, int depth)
    {
        if (depth > 2) throw new UnsupportedInputException($"{colour} segmented palette: indirect segments nested too deep");
        int i = start;
        while (i < end)
        {
            if (i + 1 >= end) throw new UnsupportedInputException($"{colour} segmented palette: truncated segment at word {i}");
            int opcode = s[i], length = s[i + 1];
            switch (opcode)
            {
                case 0:
                    if (i + 2 + length > end) throw new UnsupportedInputException($"{colour} segmented palette: discrete segment at word {i} runs past the data");
                    for (int k = 0; k < length; k++) output.Add(s[i + 2 + k]);
                    i += 2 + length;
                    break;
                case 1:
                {
                    if (output.Count == 0) throw new UnsupportedInputException($"{colour} segmented palette: linear segment at word {i} has no start value");
                    if (i + 2 >= end) throw new UnsupportedInputException($"{colour} segmented palette: linear segment at word {i} is truncated");
                    double y0 = output[^1], y1 = s[i + 2];
                    for (int k = 1; k <= length; k++) output.Add((ushort)Math.Round(y0 + (y1 - y0) * k / length));
                    i += 3;
                    break;
                }

                case 2:
                {
                    if (i + 3 >= end) throw new UnsupportedInputException($"{colour} segmented palette: indirect segment at word {i} is truncated");
                    long offset = s[i + 2] | ((long)s[i + 3] << 16); // byte offset of the first segment to copy
                    int from = checked((int)(offset / 2));
                    int at = from;
                    for (int k = 0; k < length; k++)
                    {
                        if (at + 1 >= s.Length) throw new UnsupportedInputException($"{colour} segmented palette: indirect segment at word {i} points past the data");
                        int segEnd = at + (s[at] == 0 ? 2 + s[at + 1] : s[at] == 1 ? 3 : 4);
                        Expand(s, at, Math.Min(segEnd, s.Length), output, count, colour, depth + 1);
                        at = segEnd;
                    }

                    i += 4;
                    break;
                }

                default:
                    throw new UnsupportedInputException($"{colour} segmented palette: unknown segment opcode {opcode} at word {i}");
            }

            if (output.Count > count + 65536) throw new UnsupportedInputException($"{colour} segmented palette expands past {count} entries");
        }
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
}
