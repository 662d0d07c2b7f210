using System.Buffers.Binary;

namespace PixelScrub.Imaging;

/// <summary>
/// A DICOM lookup table (Modality LUT, VOI LUT or one Palette Color channel): the descriptor's first mapped
/// value and bits per entry, and the expanded entries. Input values below the first mapped value map to the
/// first entry, values past the end to the last (PS3.3 C.11.1.1, C.11.2.1.1, C.7.6.3.1.5).
/// </summary>
public sealed class LookupTable
{
    private readonly ushort[] _entries;

    public LookupTable(int firstMapped, int bitsPerEntry, ushort[] entries)
    {
        if (entries.Length == 0) throw new ArgumentException("a lookup table needs at least one entry", nameof(entries));
        if (bitsPerEntry is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(bitsPerEntry), "1 to 16 bits per entry");
        FirstMapped = firstMapped;
        BitsPerEntry = bitsPerEntry;
        _entries = entries;
    }

    public int FirstMapped { get; }

    public int BitsPerEntry { get; }

    public int Count => _entries.Length;

    public ReadOnlySpan<ushort> Entries => _entries;

    /// <summary>The largest value an entry can hold (2^BitsPerEntry - 1).</summary>
    public int MaxEntryValue => (1 << BitsPerEntry) - 1;

    /// <summary>The entry for an input value, clamped to the table.</summary>
    public ushort Map(long value)
    {
        long i = value - FirstMapped;
        if (i <= 0) return _entries[0];
        return i >= _entries.Length ? _entries[^1] : _entries[i];
    }

    /// <summary>
    /// A table from its Descriptor values and its LUT Data bytes, as stored in the file.
    /// </summary>
    /// <param name="descriptor">the three descriptor values as read (entry count, where 0 means 65536; first
    /// mapped value; bits per entry)</param>
    /// <param name="data">the LUT Data value bytes</param>
    /// <param name="bigEndian">true when the data set is big endian</param>
    /// <param name="firstMappedSigned">true when the first mapped value is SS (signed pixel data)</param>
    public static LookupTable FromDicom(ReadOnlySpan<int> descriptor, ReadOnlySpan<byte> data, bool bigEndian, bool firstMappedSigned)
    {
        var (count, first, bits) = ParseDescriptor(descriptor, firstMappedSigned);
        var entries = new ushort[count];
        if (data.Length >= count * 2L)
        {
            // Entries in 16-bit words (OW or US); 8-bit tables stored one entry per word are accepted too.
            for (int i = 0; i < count; i++)
            {
                ushort v = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i * 2)) : BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(i * 2));
                entries[i] = bits == 8 && v > 0xFF ? (byte)v : v;
            }
        }
        else if (bits == 8 && data.Length >= count)
        {
            // PS3.3 C.7.6.3.1.6: 8-bit entries are stored as if 8 bits were allocated: one byte each, in the
            // order of the words' bytes as they are in the file.
            for (int i = 0; i < count; i++)
            {
                int index = bigEndian ? i ^ 1 : i;
                entries[i] = index < data.Length ? data[index] : data[i];
            }
        }
        else
        {
            throw new UnsupportedInputException(
                $"cannot render: LUT Data has {data.Length} bytes, the descriptor declares {count} entries of {bits} bits");
        }

        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i] >> bits != 0)
                throw new UnsupportedInputException($"cannot render: LUT entry {i} ({entries[i]}) exceeds the declared {bits} bits");
        }

        return new LookupTable(first, bits, entries);
    }

    /// <summary>
    /// A Palette Color table from its Descriptor and Segmented Palette Color Lookup Table Data
    /// (PS3.3 C.7.9.2: discrete, linear and indirect segments in 16-bit words).
    /// </summary>
    public static LookupTable FromSegmented(ReadOnlySpan<int> descriptor, ReadOnlySpan<byte> data, bool bigEndian, bool firstMappedSigned)
    {
        var (count, first, bits) = ParseDescriptor(descriptor, firstMappedSigned);
        if ((data.Length & 1) != 0) throw new UnsupportedInputException("cannot render: segmented LUT data has an odd length");
        var words = new ushort[data.Length / 2];
        for (int i = 0; i < words.Length; i++)
            words[i] = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i * 2)) : BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(i * 2));

        var entries = new ushort[count];
        int written = SegmentedLut.Expand(words, entries);
        if (written != count)
            throw new UnsupportedInputException($"cannot render: segmented LUT expands to {written} entries, the descriptor declares {count}");
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i] >> bits != 0)
                throw new UnsupportedInputException($"cannot render: LUT entry {i} ({entries[i]}) exceeds the declared {bits} bits");
        }

        return new LookupTable(first, bits, entries);
    }

    private static (int Count, int First, int Bits) ParseDescriptor(ReadOnlySpan<int> descriptor, bool firstMappedSigned)
    {
        if (descriptor.Length != 3) throw new UnsupportedInputException($"cannot render: a LUT descriptor has 3 values, not {descriptor.Length}");

        // PS3.3 C.11.1.1.1: an entry count of 0 means 2^16 entries.
        int count = descriptor[0] == 0 ? 65536 : descriptor[0];
        if (count is < 1 or > 65536) throw new UnsupportedInputException($"cannot render: LUT entry count {descriptor[0]}");
        int first = firstMappedSigned ? (short)(ushort)descriptor[1] : (ushort)descriptor[1];
        int bits = descriptor[2];
        if (bits is < 8 or > 16) throw new UnsupportedInputException($"cannot render: LUT entries of {bits} bits (8 to 16 allowed)");
        return (count, first, bits);
    }
}
