namespace PixelScrub.Codecs.Rle;

/// <summary>Facts of the RLE Lossless transfer syntax (PS3.5 Annex G).</summary>
internal static class RleLossless
{
    public const string TransferSyntaxUid = "1.2.840.10008.1.2.5";

    /// <summary>The RLE header: a segment count and 15 segment offsets, each a 32-bit little endian integer (G.5).</summary>
    public const int HeaderLength = 64;

    public const int MaxSegments = 15;

    /// <summary>The tag of Pixel Data, named in format errors.</summary>
    public const uint PixelDataTag = 0x7FE0_0010;

    /// <summary>
    /// Segments one frame of <paramref name="layout"/> needs: one per byte of each sample's Padded Composite Pixel Code
    /// (G.2), so one for 1-bit data (see <see cref="BytesPerSample"/>).
    /// </summary>
    public static int SegmentCount(Pixels.PixelLayout layout) => layout.SamplesPerPixel * BytesPerSample(layout);

    /// <summary>
    /// Bytes of one sample's Padded Composite Pixel Code (G.2): the code is padded with zero bits to a whole number of
    /// bytes, so a 1-bit pixel (Bits Allocated 1) is one byte holding 0 or 1, and its Byte Segment has Rows x Columns
    /// bytes like an 8-bit image's. Native 1-bit data packs eight pixels per byte (PS3.5 8.1.1); the codec packs and
    /// unpacks, and a byte other than 0 or 1 in a 1-bit segment is corrupt data (its padding bits must be zero).
    /// </summary>
    public static int BytesPerSample(Pixels.PixelLayout layout) => layout.BitsAllocated == 1 ? 1 : layout.BitsAllocated / 8;
}
