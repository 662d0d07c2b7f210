using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// The checked, derived facts of a native frame layout: how many bytes a sample, a row and a frame take, and
/// which fill rule applies. Building one validates the layout; an inconsistent one throws
/// <see cref="DicomFormatException"/> (naming the attribute; the offset is 0 because attributes have no place
/// in the pixel data) and a valid layout the cleaner does not handle throws <see cref="UnsupportedInputException"/>.
/// </summary>
internal readonly struct NativeGeometry
{
    private const uint TagSamplesPerPixel = 0x00280002;
    private const uint TagPhotometric = 0x00280004;
    private const uint TagPlanarConfiguration = 0x00280006;
    private const uint TagRows = 0x00280010;
    private const uint TagColumns = 0x00280011;
    private const uint TagBitsAllocated = 0x00280100;
    private const uint TagBitsStored = 0x00280101;
    private const uint TagHighBit = 0x00280102;

    private NativeGeometry(PixelLayout layout, PhotometricKind photometric, int bytesPerSample, int rowBytes, long frameBits)
    {
        Layout = layout;
        Photometric = photometric;
        BytesPerSample = bytesPerSample;
        RowBytes = rowBytes;
        FrameBits = frameBits;
    }

    public PixelLayout Layout { get; }
    public PhotometricKind Photometric { get; }

    /// <summary>Bytes of one sample; 0 for 1-bit data.</summary>
    public int BytesPerSample { get; }

    /// <summary>Bytes of one row (of one plane for planar configuration 1); 0 for 1-bit data.</summary>
    public int RowBytes { get; }

    /// <summary>Bits of one frame as stored (native YBR_FULL_422 stores two samples per pixel).</summary>
    public long FrameBits { get; }

    /// <summary>Bytes of one frame starting on a byte boundary.</summary>
    public long FrameBytes => (FrameBits + 7) / 8;

    public bool IsPlanar => Layout.PlanarConfiguration == 1 && Layout.SamplesPerPixel == 3;
    public bool IsOneBit => Layout.BitsAllocated == 1;
    public bool IsFloat => Layout.Format != SampleFormat.Integer;

    /// <summary>Bytes of one colour plane (planar configuration 1).</summary>
    public long PlaneBytes => (long)RowBytes * Layout.Rows;

    /// <summary>Bytes of the repeating unit a run is filled with: a pixel, a sample (planar) or a 4:2:2 pair.</summary>
    public int UnitBytes => Photometric == PhotometricKind.YbrFull422
        ? 4 * BytesPerSample
        : IsPlanar ? BytesPerSample : Layout.SamplesPerPixel * BytesPerSample;

    public static NativeGeometry Of(PixelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.Rows <= 0) throw Malformed($"Rows is {layout.Rows}; a frame needs at least one row", TagRows);
        if (layout.Columns <= 0) throw Malformed($"Columns is {layout.Columns}; a frame needs at least one column", TagColumns);

        // PS3.3 C.7.6.3: Rows and Columns are US, so at most 65535 (this also keeps every size below in range).
        if (layout.Rows > ushort.MaxValue) throw Malformed($"Rows is {layout.Rows}, above the US maximum 65535", TagRows);
        if (layout.Columns > ushort.MaxValue) throw Malformed($"Columns is {layout.Columns}, above the US maximum 65535", TagColumns);

        var kind = layout.Photometric.Trim() switch
        {
            "MONOCHROME1" => PhotometricKind.Monochrome1,
            "MONOCHROME2" => PhotometricKind.Monochrome2,
            "RGB" => PhotometricKind.Rgb,
            "YBR_FULL" => PhotometricKind.YbrFull,
            "YBR_FULL_422" => PhotometricKind.YbrFull422,
            "PALETTE COLOR" => PhotometricKind.PaletteColor,
            _ => throw new UnsupportedInputException(
                $"Photometric Interpretation '{layout.Photometric}' is not one the native cleaner can fill " +
                "(MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, YBR_FULL_422, PALETTE COLOR)"),
        };

        // PS3.3 C.7.6.3.1.1: one sample for monochrome and palette, three for RGB and YBR.
        int expectedSamples = kind is PhotometricKind.Monochrome1 or PhotometricKind.Monochrome2 or PhotometricKind.PaletteColor ? 1 : 3;
        if (layout.SamplesPerPixel != expectedSamples)
        {
            throw Malformed($"Samples per Pixel is {layout.SamplesPerPixel} but {layout.Photometric} needs {expectedSamples}", TagSamplesPerPixel);
        }

        if (expectedSamples == 3 && layout.PlanarConfiguration is not (0 or 1))
        {
            throw Malformed($"Planar Configuration is {layout.PlanarConfiguration}; only 0 and 1 are defined", TagPlanarConfiguration);
        }

        // PS3.3 C.7.6.3.1.3: YBR_FULL_422 shall use colour-by-pixel.
        if (kind == PhotometricKind.YbrFull422 && layout.PlanarConfiguration != 0)
        {
            throw Malformed("YBR_FULL_422 requires Planar Configuration 0", TagPlanarConfiguration);
        }

        int ba = layout.BitsAllocated;
        int bs = layout.BitsStored;
        if (layout.Format != SampleFormat.Integer)
        {
            int need = layout.Format == SampleFormat.Float32 ? 32 : 64;
            if (ba != need) throw Malformed($"{layout.Format} pixel data needs Bits Allocated {need}, not {ba}", TagBitsAllocated);
            if (kind is not (PhotometricKind.Monochrome1 or PhotometricKind.Monochrome2))
            {
                throw new UnsupportedInputException($"floating point pixel data with {layout.Photometric} is not supported (MONOCHROME only)");
            }

            long floatRow = (long)layout.Columns * (ba / 8);
            if (floatRow > int.MaxValue / 2) throw new UnsupportedInputException($"a row of {floatRow} bytes is too large");
            return new NativeGeometry(layout, kind, ba / 8, (int)floatRow, layout.PixelsPerFrame * ba);
        }

        if (ba <= 0) throw Malformed($"Bits Allocated is {ba}", TagBitsAllocated);
        if (bs <= 0 || bs > ba) throw Malformed($"Bits Stored is {bs} with Bits Allocated {ba}", TagBitsStored);
        int hb = layout.EffectiveHighBit;

        // PS3.5 8.1.1: the stored bits [HighBit-BitsStored+1, HighBit] lie within the allocated bits.
        if (hb < bs - 1 || hb >= ba) throw Malformed($"High Bit is {hb} with Bits Stored {bs} and Bits Allocated {ba}", TagHighBit);

        if (ba == 1)
        {
            if (expectedSamples != 1 || kind == PhotometricKind.PaletteColor)
            {
                throw new UnsupportedInputException($"1-bit {layout.Photometric} pixel data is not supported (MONOCHROME only)");
            }

            return new NativeGeometry(layout, kind, 0, 0, layout.PixelsPerFrame);
        }

        // PS3.5 8.1.1: Bits Allocated is 1 or a multiple of 8.
        if (ba % 8 != 0) throw Malformed($"Bits Allocated is {ba}; it must be 1 or a multiple of 8", TagBitsAllocated);
        if (ba > 32) throw new UnsupportedInputException($"integer pixel data with Bits Allocated {ba} is not supported (at most 32)");

        if (kind == PhotometricKind.PaletteColor && ba > 16)
        {
            throw new UnsupportedInputException($"PALETTE COLOR with Bits Allocated {ba} is not supported (8 or 16)");
        }

        int bps = ba / 8;
        long rowBytes;
        long frameBits;
        if (kind == PhotometricKind.YbrFull422)
        {
            // PS3.3 C.7.6.3.1.2: each pair of pixels is stored Y1 Y2 Cb Cr; an odd width leaves a half pair
            // whose layout the standard does not define.
            if (layout.Columns % 2 != 0)
            {
                throw new UnsupportedInputException($"native YBR_FULL_422 with an odd number of columns ({layout.Columns}) is not supported");
            }

            rowBytes = (long)layout.Columns * 2 * bps;
            frameBits = layout.PixelsPerFrame * 2 * ba;
        }
        else
        {
            rowBytes = (long)layout.Columns * (layout.PlanarConfiguration == 1 && expectedSamples == 3 ? 1 : expectedSamples) * bps;
            frameBits = layout.PixelsPerFrame * expectedSamples * ba;
        }

        if (rowBytes > int.MaxValue / 2) throw new UnsupportedInputException($"a row of {rowBytes} bytes is too large");
        return new NativeGeometry(layout, kind, bps, (int)rowBytes, frameBits);
    }

    private static DicomFormatException Malformed(string reason, uint tag) => new(reason, 0, tag);
}
