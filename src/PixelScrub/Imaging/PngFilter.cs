namespace PixelScrub.Imaging;

/// <summary>
/// PNG filter type 0 scanline filters (PNG spec 9.2): None, Sub, Up, Average, Paeth, chosen per row by the
/// smallest sum of absolute values of the filtered bytes taken as signed (the heuristic of PNG spec 12.8).
/// </summary>
internal static partial class PngFilter
{
    /// <summary>Filters <paramref name="row"/> into <paramref name="output"/> (filter byte + row), choosing the best filter.</summary>
    /// <param name="previous">the previous row, or empty for the first row</param>
    public static void FilterRow(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel, Span<byte> output)
    {
        byte best = ChooseFilter(row, previous, bytesPerPixel);
        output[0] = best;
        Apply(best, row, previous, bytesPerPixel, output.Slice(1, row.Length));
    }

    /// <summary>
    /// The filter type with the smallest sum of |filtered byte as signed|, all five scored in one pass over the row
    /// (ties go to the lower type; Up on the first row is None and not scored).
    /// </summary>
    public static byte ChooseFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp) =>
        ChooseFilter(row, previous, bpp, UseVectors);

    /// <summary>The scalar twin of the vector scoring, for tests and machines without vectors.</summary>
    public static byte ChooseFilterScalar(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp) =>
        ChooseFilter(row, previous, bpp, vectors: false);

    private static byte ChooseFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, bool vectors)
    {
        int n = row.Length;
        bool hasPrevious = !previous.IsEmpty;
        if (hasPrevious && previous.Length < n) throw new ArgumentException("previous row is shorter", nameof(previous));
        Span<long> scores = stackalloc long[5];
        scores.Clear();

        // Bytes with no left neighbour (a = c = 0), then the vector part when there is a previous row, then the rest.
        int head = Math.Min(bpp, n);
        ScoreScalar(row, previous, bpp, 0, head, scores);
        int i = head;
        if (vectors && hasPrevious) i = ScoreVector(row, previous, bpp, scores);
        ScoreScalar(row, previous, bpp, i, n, scores);

        byte best = 0;
        long score = scores[0];
        if (scores[1] < score) (best, score) = (1, scores[1]);
        if (hasPrevious && scores[2] < score) (best, score) = (2, scores[2]);
        if (scores[3] < score) (best, score) = (3, scores[3]);
        if (scores[4] < score) best = 4;
        return best;
    }

    private static void ScoreScalar(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, int from, int to, Span<long> scores)
    {
        bool hasPrevious = !previous.IsEmpty;
        long none = 0, sub = 0, up = 0, avg = 0, paeth = 0;
        for (int i = from; i < to; i++)
        {
            int x = row[i];
            int a = i >= bpp ? row[i - bpp] : 0;
            int b = hasPrevious ? previous[i] : 0;
            int c = hasPrevious && i >= bpp ? previous[i - bpp] : 0;
            none += AbsSigned(x);
            sub += AbsSigned(x - a);
            up += AbsSigned(x - b);
            avg += AbsSigned(x - ((a + b) >> 1));
            paeth += AbsSigned(x - Paeth(a, b, c));
        }

        scores[0] += none;
        scores[1] += sub;
        scores[2] += up;
        scores[3] += avg;
        scores[4] += paeth;
    }

    /// <summary>|v| of the filtered byte v mod 256 read as a signed byte.</summary>
    private static int AbsSigned(int v)
    {
        int s = (sbyte)(byte)v;
        return s < 0 ? -s : s;
    }

    /// <summary>One filter type over a row; a missing previous row counts as zeros (PNG spec 9.2).</summary>
    public static void Apply(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        if (UseVectors && type != 0 && !previous.IsEmpty && row.Length > bpp)
        {
            int head = Math.Min(bpp, row.Length);
            ApplyScalar(type, row, previous, bpp, output, 0, head);
            int done = ApplyVector(type, row, previous, bpp, output);
            ApplyScalar(type, row, previous, bpp, output, done, row.Length);
            return;
        }

        ApplyScalar(type, row, previous, bpp, output);
    }

    /// <summary>The scalar twin of <see cref="Apply"/> over bytes [from, to) (the whole row by default).</summary>
    public static void ApplyScalar(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output, int from = 0, int to = -1)
    {
        if (to < 0) to = row.Length;
        for (int i = from; i < to; i++) output[i] = (byte)(row[i] - Predict(type, row, previous, bpp, i));
    }

    private static int Predict(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, int i)
    {
        bool hasPrevious = !previous.IsEmpty;
        int a = i >= bpp ? row[i - bpp] : 0;
        int b = hasPrevious ? previous[i] : 0;
        int c = hasPrevious && i >= bpp ? previous[i - bpp] : 0;
        return type switch
        {
            0 => 0,
            1 => a,
            2 => b,
            3 => (a + b) >> 1,
            4 => Paeth(a, b, c),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    /// <summary>The Paeth predictor (PNG spec 9.4).</summary>
    public static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
