using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// Fills the clean runs of a mask in rows of native pixel data as they stream past: the caller hands over
/// whole rows (of one colour plane for planar configuration 1) with the index of the first, and the cleaner
/// writes the fill into the runs of those rows in place. Cost is proportional to the cleaned area; memory is
/// the fill pattern. Byte-aligned layouts only (1-bit data goes through <see cref="NativeFrameCleaner.CleanBits"/>).
/// </summary>
internal sealed class NativeRowCleaner
{
    private readonly NativeGeometry _geometry;
    private readonly PixelMask _mask;
    private readonly FillValues _fill;

    public NativeRowCleaner(PixelLayout layout, PixelMask mask, FillValues fill)
    {
        _geometry = NativeGeometry.Of(layout);
        if (_geometry.IsOneBit) throw new ArgumentException("1-bit data is not byte aligned by rows; use NativeFrameCleaner.CleanBits", nameof(layout));
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(fill);
        if (mask.Columns != layout.Columns || mask.Rows != layout.Rows)
        {
            throw new ArgumentException($"mask is {mask.Columns}x{mask.Rows} but the frame is {layout.Columns}x{layout.Rows}", nameof(mask));
        }

        int expected = _geometry.IsPlanar ? _geometry.BytesPerSample : _geometry.UnitBytes;
        if ((_geometry.IsPlanar ? fill.Sample(0).Length : fill.Unit.Length) != expected)
        {
            throw new ArgumentException("the fill was resolved for a different layout", nameof(fill));
        }

        _mask = mask;
        _fill = fill;
        Bounds = mask.CleanBounds();
    }

    /// <summary>Bytes of one row as handed to <see cref="CleanRows"/> (one plane's row when planar).</summary>
    public int RowBytes => _geometry.RowBytes;

    /// <summary>Colour planes per frame: 3 for planar configuration 1, otherwise 1.</summary>
    public int Planes => _geometry.IsPlanar ? 3 : 1;

    /// <summary>The rectangle holding every cleaned pixel; rows outside it need not be handed over.</summary>
    public Region Bounds { get; }

    /// <summary>
    /// Fills the cleaned runs in <paramref name="rows"/> (whole rows, the first being frame row
    /// <paramref name="firstRow"/>, of colour plane <paramref name="plane"/>). Returns the number of pixels
    /// filled in these rows (4:2:2 pairs count both pixels).
    /// </summary>
    public long CleanRows(Span<byte> rows, int firstRow, int plane = 0)
    {
        int rowBytes = _geometry.RowBytes;
        if (rows.Length % rowBytes != 0) throw new ArgumentException($"{rows.Length} bytes is not a whole number of {rowBytes}-byte rows", nameof(rows));
        if ((uint)plane >= (uint)Planes) throw new ArgumentOutOfRangeException(nameof(plane));
        int count = rows.Length / rowBytes;
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        if ((long)firstRow + count > _geometry.Layout.Rows) throw new ArgumentOutOfRangeException(nameof(firstRow), "rows run past the end of the frame");

        int y0 = Math.Max(firstRow, Bounds.Y0);
        int y1 = Math.Min(firstRow + count, Bounds.Y1);
        ReadOnlySpan<byte> pattern = _geometry.IsPlanar ? _fill.Sample(plane) : _fill.Unit;
        bool pairs = _geometry.Photometric == PhotometricKind.YbrFull422;
        int unit = _geometry.UnitBytes;
        long filled = 0;
        for (int y = y0; y < y1; y++)
        {
            var runs = _mask.CleanRuns(y);
            if (runs.IsEmpty) continue;
            var row = rows.Slice((y - firstRow) * rowBytes, rowBytes);
            if (pairs)
            {
                // PS3.3 C.7.6.3.1.2: two pixels share Cb and Cr; a pair touching the run is filled whole.
                int done = 0; // pairs [0, done) of this row are already filled by an earlier run
                foreach (var (x0, x1) in runs)
                {
                    int p0 = Math.Max(x0 >> 1, done);
                    int p1 = (x1 + 1) >> 1;
                    if (p1 <= p0) continue;
                    PatternFill.Repeat(row.Slice(p0 * unit, (p1 - p0) * unit), pattern);
                    filled += 2L * (p1 - p0);
                    done = p1;
                }
            }
            else
            {
                foreach (var (x0, x1) in runs)
                {
                    PatternFill.Repeat(row.Slice(x0 * unit, (x1 - x0) * unit), pattern);
                    filled += x1 - x0;
                }
            }
        }

        return filled;
    }
}
