namespace PixelScrub.Text.Proposals;

/// <summary>The one value a line of burned-in text is drawn in, read from a crop's histogram.</summary>
internal static class InkValue
{
    /// <summary>
    /// The value burned-in text is drawn in, when the crop has one: a device draws a line's glyphs in one palette colour,
    /// so over image content, whose values spread evenly, the text is a narrow peak of the histogram on the text side
    /// of the median (exact in native pixels, a few levels wide after JPEG), with a clear gap from the median. Found as
    /// the <see cref="PeakHalfWidth"/> window with the most pixels above the level of the histogram around it (out to
    /// <see cref="RingHalfWidth"/>), which must hold at least <see cref="MinInkShare"/> of the crop and twice that level;
    /// the value is the centre of that window's pixels above the level.
    /// The tolerance is the narrowest window about the peak holding most (<see cref="HeldShare"/>) of the excess out to
    /// <see cref="MaxTolerance"/>. Null: no such value (speckle alone, or the text blended away).
    /// </summary>
    /// <param name="histogram">the crop's histogram, folded so the text is on the dark side (index 0)</param>
    public static (int Value, int Tolerance)? Find(ReadOnlySpan<int> histogram, int total)
    {
        int median = 0;
        for (int acc = 0; median < 255 && (acc += histogram[median]) <= total / 2; median++) { }
        (int Value, double Excess) best = (-1, 0);
        for (int v = 0; v + MinMedianDistance <= median; v++)
        {
            var (inner, level) = Around(histogram, v, PeakHalfWidth);
            if (inner < 2 * level) continue;
            double excess = inner - level;
            if (excess > best.Excess) best = (v, excess);
        }

        if (best.Value < 0 || best.Excess < MinInkShare * total) return null;
        // The value is the centre of the window's pixels above the level around it (an exact peak is in every window
        // that reaches it; a spread one is centred on its value).
        var (_, around) = Around(histogram, best.Value, PeakHalfWidth);
        double perLevel = around / (2 * PeakHalfWidth + 1), weight = 0, sum = 0;
        for (int u = Math.Max(0, best.Value - PeakHalfWidth); u <= Math.Min(255, best.Value + PeakHalfWidth); u++)
        {
            double above = Math.Max(0, histogram[u] - perLevel);
            weight += above;
            sum += above * u;
        }

        if (weight > 0) best.Value = (int)Math.Round(sum / weight);
        var (wide, wideLevel) = Around(histogram, best.Value, MaxTolerance);
        double held = wide - wideLevel;
        for (int t = 0; t < MaxTolerance; t++)
        {
            var (inner, level) = Around(histogram, best.Value, t);
            if (inner - level >= HeldShare * held) return (best.Value, t);
        }

        return (best.Value, MaxTolerance);
    }

    /// <summary>Pixels within <paramref name="half"/> levels of <paramref name="v"/>, and as many as the ring out to <see cref="RingHalfWidth"/> levels beyond holds on average.</summary>
    private static (int Inner, double Level) Around(ReadOnlySpan<int> histogram, int v, int half)
    {
        int inner = 0, ring = 0, ringLevels = 0;
        for (int u = Math.Max(0, v - half); u <= Math.Min(255, v + half); u++) inner += histogram[u];
        for (int d = half + 1; d <= half + RingHalfWidth; d++)
        {
            if (v - d >= 0) (ring, ringLevels) = (ring + histogram[v - d], ringLevels + 1);
            if (v + d <= 255) (ring, ringLevels) = (ring + histogram[v + d], ringLevels + 1);
        }

        return (inner, ringLevels == 0 ? 0 : (double)ring / ringLevels * (2 * half + 1));
    }

    private const int PeakHalfWidth = 2, RingHalfWidth = 10, MaxTolerance = 10, MinMedianDistance = 24;
    private const double MinInkShare = 0.02, HeldShare = 0.8;
}
