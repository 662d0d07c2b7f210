using PixelScrub.Pixels;

namespace PixelScrub.Codecs.JpegLossless;

/// <summary>Checks that a layout can be carried by JPEG Lossless (T.81 process 14) as PixelScrub implements it.</summary>
internal static class JpegLosslessLayout
{
    public static void Validate(PixelLayout layout)
    {
        if (layout.Format != SampleFormat.Integer)
            throw new UnsupportedInputException("JPEG Lossless carries integer Pixel Data only");
        if (layout.BitsAllocated is not (8 or 16))
            throw new UnsupportedInputException($"JPEG Lossless with Bits Allocated {layout.BitsAllocated} is not supported (8 or 16)");
        if (layout.BitsStored is < 2 or > 16 || layout.BitsStored > layout.BitsAllocated)
            throw new UnsupportedInputException($"JPEG Lossless with Bits Stored {layout.BitsStored} is not supported (2..16, T.81 B.2.2)");
        if (layout.SamplesPerPixel is < 1 or > 4)
            throw new UnsupportedInputException($"JPEG Lossless with {layout.SamplesPerPixel} samples per pixel is not supported (1..4)");
        // T.81 B.2.2: X and Y are 16-bit fields.
        if (layout.Rows is <= 0 or > 65535 || layout.Columns is <= 0 or > 65535)
            throw new UnsupportedInputException($"a frame of {layout.Columns} x {layout.Rows} cannot be JPEG coded");
        if ((long)layout.Rows * layout.Columns * layout.SamplesPerPixel > Array.MaxLength)
            throw new UnsupportedInputException($"a frame of {layout.Columns} x {layout.Rows} is too large");
    }
}
