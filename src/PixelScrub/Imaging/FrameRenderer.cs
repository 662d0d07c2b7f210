using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

/// <summary>
/// Turns one decoded native frame into 8-bit display values (PS3.3 C.11, PS3.14 basics): grey images through
/// modality and VOI transforms (MONOCHROME1 inverted), PALETTE COLOR through its palette, RGB as is and
/// YBR_FULL / YBR_FULL_422 converted to RGB.
/// </summary>
internal static partial class FrameRenderer
{
    /// <summary>Renders one frame.</summary>
    /// <param name="frame">the frame's bytes in the layout described (planar configuration, endianness as stored)</param>
    /// <exception cref="UnsupportedInputException">the layout or parameters cannot be rendered; the message is one line</exception>
    public static RenderedImage Render(ReadOnlySpan<byte> frame, PixelLayout layout, RenderParameters parameters)
    {
        string photometric = layout.Photometric.Trim();
        Validate(layout, photometric);
        long needed = FrameBytes(layout, photometric);
        if (frame.Length < needed)
            throw new UnsupportedInputException($"cannot render: the frame has {frame.Length} bytes, {layout.Columns}x{layout.Rows} {photometric} needs {needed}");

        switch (photometric)
        {
            case "MONOCHROME1":
                return RenderGrey(frame, layout, parameters, invert: true);
            case "MONOCHROME2":
                return RenderGrey(frame, layout, parameters, invert: false);
            case "PALETTE COLOR":
                return RenderPalette(frame, layout, parameters);
            case "RGB":
            case "YBR_FULL":
            case "YBR_FULL_422":
                return RenderColour(frame, layout, photometric);
            default:
                throw new UnsupportedInputException($"cannot render: photometric interpretation {photometric} of native data is not supported");
        }
    }

    /// <summary>The bytes one native frame occupies.</summary>
    public static long FrameBytes(PixelLayout layout, string photometric)
    {
        // PS3.3 C.7.6.3.1.2: uncompressed YBR_FULL_422 stores two luminance samples and one Cb/Cr pair per two
        // pixels, i.e. two samples per pixel although Samples per Pixel is 3.
        int samples = photometric == "YBR_FULL_422" ? 2 : layout.SamplesPerPixel;
        long bits = layout.PixelsPerFrame * samples * layout.BitsAllocated;
        return (bits + 7) / 8;
    }

    private static void Validate(PixelLayout layout, string photometric)
    {
        if (layout.Rows <= 0 || layout.Columns <= 0)
            throw new UnsupportedInputException($"cannot render: image size {layout.Columns}x{layout.Rows}");
        if (layout.PixelsPerFrame * 3 > Array.MaxLength)
            throw new UnsupportedInputException($"cannot render: a {layout.Columns}x{layout.Rows} frame is too large");

        bool colour = photometric is "RGB" or "YBR_FULL" or "YBR_FULL_422";
        int expectedSamples = colour ? 3 : 1;
        if (layout.SamplesPerPixel != expectedSamples)
            throw new UnsupportedInputException($"cannot render: {photometric} with {layout.SamplesPerPixel} samples per pixel");
        if (layout.PlanarConfiguration is not (0 or 1))
            throw new UnsupportedInputException($"cannot render: planar configuration {layout.PlanarConfiguration}");

        switch (layout.Format)
        {
            case SampleFormat.Float32 when layout.BitsAllocated == 32:
            case SampleFormat.Float64 when layout.BitsAllocated == 64:
                if (colour || photometric == "PALETTE COLOR")
                    throw new UnsupportedInputException($"cannot render: float samples with {photometric}");
                return;
            case SampleFormat.Integer when layout.BitsAllocated is 1 or 8 or 16 or 32:
                break;
            default:
                throw new UnsupportedInputException($"cannot render: {layout.Format} samples of {layout.BitsAllocated} bits allocated");
        }

        // PS3.5 8.1.1 and PS3.3 C.7.6.3.1: 1 <= BitsStored <= BitsAllocated, HighBit < BitsAllocated.
        if (layout.BitsStored < 1 || layout.BitsStored > layout.BitsAllocated)
            throw new UnsupportedInputException($"cannot render: bits stored {layout.BitsStored} with {layout.BitsAllocated} bits allocated");
        int highBit = layout.EffectiveHighBit;
        if (highBit < layout.BitsStored - 1 || highBit >= layout.BitsAllocated)
            throw new UnsupportedInputException($"cannot render: high bit {highBit} with {layout.BitsStored} bits stored of {layout.BitsAllocated}");
        if (layout.BitsAllocated == 1 && (colour || photometric == "PALETTE COLOR"))
            throw new UnsupportedInputException($"cannot render: 1-bit {photometric}");
        if (photometric is "YBR_FULL" or "YBR_FULL_422" or "PALETTE COLOR" && layout.BitsAllocated == 32)
            throw new UnsupportedInputException($"cannot render: 32-bit {photometric}");
        if (colour && layout.IsSigned)
            throw new UnsupportedInputException($"cannot render: signed {photometric} samples");
        if (photometric == "YBR_FULL_422" && (layout.PlanarConfiguration != 0 || (layout.Columns & 1) != 0))
            throw new UnsupportedInputException("cannot render: native YBR_FULL_422 needs planar configuration 0 and an even number of columns");
    }

    /// <summary>
    /// A display value to a byte, clamping to [0, 255]; NaN becomes 0. The fraction is dropped: the LINEAR window
    /// spans [0, 255] continuously, and truncating gives DCMTK's output exactly (tested on the corpus).
    /// </summary>
    private static byte ToByte(double y)
    {
        if (!(y > 0)) return 0;
        return y >= 255 ? (byte)255 : (byte)y;
    }
}
