namespace PixelScrub.Cleaning;

/// <summary>
/// Builds the pixel data of an Icon Image Sequence (0088,0200) item from a cleaned, already rendered 8-bit
/// frame: at most 128x128 (PS3.3 F.7: icons are at most 128 by 128 pixels), aspect ratio kept, each output
/// pixel the mean of the source pixels in its box.
/// </summary>
internal static class IconBuilder
{
    public const int MaxSize = 128;

    /// <param name="pixels">Rows x columns pixels, channels bytes each (1 = grey, 3 = RGB), row by row.</param>
    public static IconImage Build(ReadOnlySpan<byte> pixels, int columns, int rows, int channels, int maxSize = MaxSize)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), "an icon is grey (1) or RGB (3)");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSize);
        long need = (long)columns * rows * channels;
        if (pixels.Length < need) throw new ArgumentException($"{pixels.Length} bytes for a {columns}x{rows}x{channels} frame that needs {need}", nameof(pixels));

        // Longest side to maxSize, the other scaled alike and rounded, never below one pixel.
        int outColumns, outRows;
        if (columns <= maxSize && rows <= maxSize)
        {
            (outColumns, outRows) = (columns, rows);
        }
        else if (columns >= rows)
        {
            outColumns = maxSize;
            outRows = (int)Math.Max(1, Math.Min(maxSize, (rows * (long)maxSize + columns / 2) / columns));
        }
        else
        {
            outRows = maxSize;
            outColumns = (int)Math.Max(1, Math.Min(maxSize, (columns * (long)maxSize + rows / 2) / rows));
        }

        var output = new byte[outColumns * outRows * channels];
        Span<long> sums = stackalloc long[3];
        for (int oy = 0; oy < outRows; oy++)
        {
            // Output row oy averages source rows [floor(oy*rows/outRows), floor((oy+1)*rows/outRows)): never empty as outRows <= rows.
            int sy0 = (int)((long)oy * rows / outRows);
            int sy1 = (int)((long)(oy + 1) * rows / outRows);
            for (int ox = 0; ox < outColumns; ox++)
            {
                int sx0 = (int)((long)ox * columns / outColumns);
                int sx1 = (int)((long)(ox + 1) * columns / outColumns);
                sums.Clear();
                for (int sy = sy0; sy < sy1; sy++)
                {
                    var line = pixels.Slice((sy * columns + sx0) * channels, (sx1 - sx0) * channels);
                    for (int i = 0; i < line.Length; i += channels)
                    {
                        for (int c = 0; c < channels; c++) sums[c] += line[i + c];
                    }
                }

                long n = (long)(sy1 - sy0) * (sx1 - sx0);
                int o = (oy * outColumns + ox) * channels;
                for (int c = 0; c < channels; c++) output[o + c] = (byte)((sums[c] + n / 2) / n);
            }
        }

        return new IconImage(output, outColumns, outRows, channels);
    }
}
