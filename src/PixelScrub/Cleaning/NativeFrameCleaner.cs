using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// Cleans one native (uncompressed) frame in place: every pixel the mask marks clean gets the fill of
/// <see cref="FillValues"/>; every other byte is left as it was. Memory use is the fill pattern; cost is
/// proportional to the cleaned area. The caller loops over frames.
/// </summary>
internal static class NativeFrameCleaner
{
    /// <summary>
    /// Cleans the frame that starts at <paramref name="frame"/>[0]. Returns the number of pixels filled; 0 means
    /// the mask cleans nothing inside this image (e.g. every region lies outside it), which the pipeline reports.
    /// </summary>
    /// <exception cref="DicomFormatException">the layout is inconsistent, or the span is shorter than a frame
    /// (the offset is then relative to the frame's start).</exception>
    /// <exception cref="UnsupportedInputException">a valid layout this cleaner does not fill.</exception>
    public static long Clean(Span<byte> frame, PixelLayout layout, PixelMask mask, FillMode mode, PaletteLuts? palette = null)
    {
        var g = NativeGeometry.Of(layout);
        if (g.IsOneBit) return CleanBits(frame, 0, layout, mask, mode);
        CheckLength(frame.Length * 8L, 0, g);
        var fill = FillValues.ForFrame(layout, mode, frame, palette);
        return Clean(frame, layout, mask, fill);
    }

    /// <summary>Cleans one frame with a fill already resolved (the caller resolves it once per image for integer data).</summary>
    public static long Clean(Span<byte> frame, PixelLayout layout, PixelMask mask, FillValues fill)
    {
        var g = NativeGeometry.Of(layout);
        if (g.IsOneBit) throw new ArgumentException("1-bit data: use CleanBits", nameof(layout));
        CheckLength(frame.Length * 8L, 0, g);
        var cleaner = new NativeRowCleaner(layout, mask, fill);
        if (cleaner.Bounds.IsEmpty) return 0;
        if (!g.IsPlanar) return cleaner.CleanRows(frame[..checked((int)g.FrameBytes)], 0);

        // Planar configuration 1: three planes of Rows x Columns samples, one after the other.
        int planeBytes = checked((int)g.PlaneBytes);
        long filled = cleaner.CleanRows(frame.Slice(0, planeBytes), 0, 0);
        cleaner.CleanRows(frame.Slice(planeBytes, planeBytes), 0, 1);
        cleaner.CleanRows(frame.Slice(2 * planeBytes, planeBytes), 0, 2);
        return filled;
    }

    /// <summary>
    /// Cleans every frame of an in-memory pixel data value (frames back to back; 1-bit frames packed without
    /// padding). Returns the pixels filled over all frames. The streaming pipeline calls <see cref="Clean(Span{byte}, PixelLayout, PixelMask, FillMode, PaletteLuts?)"/>
    /// per frame instead.
    /// </summary>
    public static long CleanFrames(Span<byte> pixelData, PixelLayout layout, PixelMask mask, FillMode mode, PaletteLuts? palette = null)
    {
        var g = NativeGeometry.Of(layout);
        if (layout.NumberOfFrames <= 0) throw new DicomFormatException($"Number of Frames is {layout.NumberOfFrames}", 0, 0x00280008);
        long available = pixelData.Length * 8L;
        if (layout.NumberOfFrames > available / g.FrameBits)
        {
            throw new DicomFormatException(
                $"pixel data holds {pixelData.Length} bytes, fewer than {layout.NumberOfFrames} frames of {g.FrameBits} bits need", pixelData.Length, 0x7FE00010);
        }

        long filled = 0;
        if (g.IsOneBit)
        {
            for (int f = 0; f < layout.NumberOfFrames; f++) filled += CleanBits(pixelData, f * g.FrameBits, layout, mask, mode);
            return filled;
        }

        // Integer fills are the same for every frame; floating point fills depend on each frame's values.
        var fill = g.IsFloat ? null : FillValues.For(layout, mode, palette);
        int frameBytes = (int)g.FrameBytes;
        for (int f = 0; f < layout.NumberOfFrames; f++)
        {
            var frame = pixelData.Slice(f * frameBytes, frameBytes);
            filled += Clean(frame, layout, mask, fill ?? FillValues.ForFrame(layout, mode, frame));
        }

        return filled;
    }

    /// <summary>
    /// Cleans one frame of 1-bit data (Bits Allocated 1) starting <paramref name="bitOffset"/> bits into
    /// <paramref name="data"/>: frames are packed back to back and need not start on a byte boundary
    /// (PS3.5 8.1.1, bits packed least significant first). Returns the number of pixels filled.
    /// </summary>
    public static long CleanBits(Span<byte> data, long bitOffset, PixelLayout layout, PixelMask mask, FillMode mode)
    {
        var g = NativeGeometry.Of(layout);
        if (!g.IsOneBit) throw new ArgumentException("CleanBits is for Bits Allocated 1", nameof(layout));
        ArgumentOutOfRangeException.ThrowIfNegative(bitOffset);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Columns != layout.Columns || mask.Rows != layout.Rows)
        {
            throw new ArgumentException($"mask is {mask.Columns}x{mask.Rows} but the frame is {layout.Columns}x{layout.Rows}", nameof(mask));
        }

        CheckLength(data.Length * 8L, bitOffset, g);
        bool value = FillValues.For(layout, mode).Unit[0] != 0;
        var bounds = mask.CleanBounds();
        long columns = layout.Columns;
        long filled = 0;
        for (int y = bounds.Y0; y < bounds.Y1; y++)
        {
            long rowStart = bitOffset + y * columns;
            foreach (var (x0, x1) in mask.CleanRuns(y))
            {
                PatternFill.SetBits(data, rowStart + x0, x1 - x0, value);
                filled += x1 - x0;
            }
        }

        return filled;
    }

    private static void CheckLength(long availableBits, long bitOffset, NativeGeometry g)
    {
        // Check the declared size against the bytes there before touching anything.
        if (availableBits - bitOffset < g.FrameBits)
        {
            var l = g.Layout;
            uint tag = l.Format switch { SampleFormat.Float32 => 0x7FE00008u, SampleFormat.Float64 => 0x7FE00009u, _ => 0x7FE00010u };
            throw new DicomFormatException(
                $"the frame holds {(availableBits - bitOffset) / 8} bytes but {l.Rows}x{l.Columns} {l.Photometric} with {l.SamplesPerPixel} sample(s) of {l.BitsAllocated} bits needs {(g.FrameBits + 7) / 8}",
                Math.Max(0, availableBits / 8), tag);
        }
    }
}
