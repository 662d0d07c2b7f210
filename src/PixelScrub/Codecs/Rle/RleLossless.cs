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

    /// <summary>Segments one frame of <paramref name="layout"/> needs: one per byte of each sample (G.2).</summary>
    public static int SegmentCount(Pixels.PixelLayout layout) => layout.SamplesPerPixel * (layout.BitsAllocated / 8);
}
