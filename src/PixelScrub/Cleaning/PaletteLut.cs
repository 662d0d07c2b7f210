namespace PixelScrub.Cleaning;

/// <summary>
/// One Palette Color Lookup Table as the header gives it (PS3.3 C.7.6.3.1.5 and C.7.6.3.1.6): the three
/// descriptor values and the LUT Data as 16-bit words in host order (the reader has already applied the
/// file's byte order). Segmented palettes must be expanded by the caller.
/// </summary>
/// <param name="Entries">Descriptor value 1: the number of entries; 0 means 65536.</param>
/// <param name="FirstMappedValue">Descriptor value 2: the stored pixel value mapped to entry 0.</param>
/// <param name="BitsPerEntry">Descriptor value 3: 8 or 16.</param>
/// <param name="Data">The LUT Data words.</param>
public sealed record PaletteLut(int Entries, int FirstMappedValue, int BitsPerEntry, ReadOnlyMemory<ushort> Data)
{
    /// <summary>The number of entries with the "0 means 65536" rule applied.</summary>
    public int EntryCount => Entries == 0 ? 65536 : Entries;
}
