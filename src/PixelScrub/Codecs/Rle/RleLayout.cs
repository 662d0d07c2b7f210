using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Rle;

/// <summary>Checks that a layout can be carried by RLE Lossless as PixelScrub implements it.</summary>
internal static class RleLayout
{
    public static void Validate(PixelLayout layout)
    {
        if (layout.Format != SampleFormat.Integer)
            throw new UnsupportedInputException("RLE Lossless carries integer Pixel Data only");
        if (layout.BitsAllocated is not (1 or 8 or 16 or 32))
            throw new UnsupportedInputException($"RLE Lossless with Bits Allocated {layout.BitsAllocated} is not supported (1, 8, 16 or 32)");
        if (layout.BitsAllocated == 1 && (layout.SamplesPerPixel != 1 || layout.BitsStored != 1))
            throw new UnsupportedInputException(
                $"RLE Lossless with Bits Allocated 1 needs one sample of 1 bit (PS3.5 Table 8.2.2-1); the layout has {layout.SamplesPerPixel} sample(s), Bits Stored {layout.BitsStored}");
        if (layout.SamplesPerPixel is not (1 or 3))
            throw new UnsupportedInputException($"RLE Lossless with Samples per Pixel {layout.SamplesPerPixel} is not supported (1 or 3)");
        if (layout.Rows <= 0 || layout.Columns <= 0)
            throw new UnsupportedInputException($"an image of {layout.Rows} x {layout.Columns} pixels has no frame to code");
        // G.2: at most 15 segments; 3 samples x 4 bytes = 12 is the most this layout set needs.
        if (RleLossless.SegmentCount(layout) > RleLossless.MaxSegments)
            throw new UnsupportedInputException("the layout needs more than 15 RLE segments");
        if ((long)layout.Rows * layout.Columns > int.MaxValue / 4)
            throw new UnsupportedInputException($"a frame of {layout.Rows} x {layout.Columns} pixels is too large");
    }
}
