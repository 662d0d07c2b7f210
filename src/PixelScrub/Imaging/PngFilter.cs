namespace PixelScrub.Imaging;

/// <summary>
/// PNG filter type 0 scanline filters (PNG spec 9.2): None, Sub, Up, Average, Paeth, chosen per row by the
/// smallest sum of absolute values of the filtered bytes taken as signed (the heuristic of PNG spec 12.8).
/// </summary>
internal static class PngFilter
{
    /// <summary>Filters <paramref name="row"/> into <paramref name="output"/> (filter byte + row), choosing the best filter.</summary>
    /// <param name="previous">the previous row, or empty for the first row</param>
    /// <param name="scratch">at least row.Length + 1 bytes of working space</param>
    public static void FilterRow(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel, Span<byte> output, Span<byte> scratch)
    {
        int n = row.Length;
        var best = output.Slice(0, n + 1);
        var candidate = scratch.Slice(0, n + 1);

        Apply(0, row, previous, bytesPerPixel, best.Slice(1));
        best[0] = 0;
        long bestScore = Score(best.Slice(1));
        for (byte type = 1; type <= 4; type++)
        {
            if (previous.IsEmpty && type == 2) continue; // Up on the first row is None.
            Apply(type, row, previous, bytesPerPixel, candidate.Slice(1));
            long score = Score(candidate.Slice(1));
            if (score < bestScore)
            {
                bestScore = score;
                candidate[0] = type;
                candidate.CopyTo(best);
            }
        }
    }

    /// <summary>One filter type over a row; a missing previous row counts as zeros (PNG spec 9.2).</summary>
    public static void Apply(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        int n = row.Length;
        bool hasPrevious = !previous.IsEmpty;
        switch (type)
        {
            case 0:
                row.CopyTo(output);
                break;
            case 1:
                row.Slice(0, bpp).CopyTo(output);
                for (int i = bpp; i < n; i++) output[i] = (byte)(row[i] - row[i - bpp]);
                break;
            case 2:
                if (!hasPrevious)
                {
                    row.CopyTo(output);
                    break;
                }

                for (int i = 0; i < n; i++) output[i] = (byte)(row[i] - previous[i]);
                break;
            case 3:
                for (int i = 0; i < n; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    int up = hasPrevious ? previous[i] : 0;
                    output[i] = (byte)(row[i] - ((left + up) >> 1));
                }

                break;
            case 4:
                for (int i = 0; i < n; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    int up = hasPrevious ? previous[i] : 0;
                    int upLeft = hasPrevious && i >= bpp ? previous[i - bpp] : 0;
                    output[i] = (byte)(row[i] - Paeth(left, up, upLeft));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    /// <summary>The Paeth predictor (PNG spec 9.4).</summary>
    public static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }

    private static long Score(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte b in filtered)
        {
            int v = (sbyte)b;
            sum += v < 0 ? -v : v;
        }

        return sum;
    }
}
