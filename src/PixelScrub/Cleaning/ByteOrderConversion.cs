using PixelScrub.Dicom;

namespace PixelScrub.Cleaning;

/// <summary>
/// Re-encodes a dataset read in Explicit VR Big Endian (PS3.5 A.3, retired) as little endian in place: every binary
/// value is byte-swapped by the unit size of its VR (US/SS/OW by 2, UL/SL/FL/OF/OL by 4, FD/OD/SV/UV/OV by 8, AT as
/// two 16-bit numbers), text and OB/UN bytes are kept, sequence items are converted recursively. The writer refuses
/// a byte order change, so this runs before the transfer syntax is changed.
/// </summary>
internal static class ByteOrderConversion
{
    /// <summary>
    /// Converts <paramref name="dataset"/> (and its items) to little endian. Pixel data of 32 or 64 bits allocated in an
    /// OW element is refused: PS3.5 A.3 defines OW as 16-bit words, so its word order within a sample is ambiguous.
    /// </summary>
    public static void ToLittleEndian(DicomDataset dataset, int bitsAllocated)
    {
        if (!dataset.BigEndian) return;
        var pixel = dataset.Get(DicomTag.PixelData);
        if (pixel is not null && pixel is not DicomFragments && pixel.VR == DicomVR.OW && bitsAllocated > 16)
        {
            throw new UnsupportedInputException(
                $"big endian pixel data of {bitsAllocated} bits allocated in an OW element: the order of its 16-bit words is ambiguous (PS3.5 A.3); not converted");
        }

        Convert(dataset);
    }

    private static void Convert(DicomDataset dataset)
    {
        if (!dataset.BigEndian) return;
        // Replacing elements while walking by index keeps their order; Set replaces in place for existing tags.
        for (int i = 0; i < dataset.Count; i++)
        {
            var e = dataset[i];
            switch (e)
            {
                case DicomSequence seq:
                    // Items of a UN sequence of undefined length are implicit VR little endian already (PS3.5 6.2.2).
                    if (!seq.ItemsImplicitLittleEndian)
                    {
                        foreach (var item in seq.Items) Convert(item);
                    }

                    break;

                case DicomFragments:
                    // Fragments are byte streams (OB); the encapsulated syntaxes are all little endian.
                    break;

                default:
                    int unit = e.VR.Kind is VRKind.Binary or VRKind.Bulk ? e.VR.UnitSize : 1;
                    if (unit > 1 && e.Value.Length > 0)
                    {
                        if (e.Value.Length % unit != 0)
                        {
                            throw new DicomFormatException($"value of {e.Tag} ({e.VR.Code}) has {e.Value.Length} bytes, not a multiple of {unit}", e.SourceOffset, e.Tag.Value);
                        }

                        var bytes = e.Value.GetBytes().ToArray();
                        Swap(bytes, unit);
                        dataset.Set(new DicomElement(e.Tag, e.VR, ElementValue.FromBytes(bytes)) { SourceOffset = e.SourceOffset });
                    }

                    break;
            }
        }

        dataset.BigEndian = false;
    }

    /// <summary>Reverses the bytes of each <paramref name="unit"/>-byte number in <paramref name="bytes"/>.</summary>
    public static void Swap(Span<byte> bytes, int unit)
    {
        for (int i = 0; i + unit <= bytes.Length; i += unit) bytes.Slice(i, unit).Reverse();
    }
}
