namespace PixelScrub.Imaging;

/// <summary>
/// A resolved VOI transform: maps a modality value to a display value in [0, 255] (not yet rounded).
/// </summary>
internal readonly struct VoiTransform
{
    private enum Kind { Window, Lut, MinMax }

    private readonly Kind _kind;
    private readonly VoiFunction _function;
    private readonly double _center;
    private readonly double _width;
    private readonly LookupTable? _lut;
    private readonly double _min;
    private readonly double _max;

    private VoiTransform(Kind kind, VoiFunction function, double center, double width, LookupTable? lut, double min, double max)
    {
        _kind = kind;
        _function = function;
        _center = center;
        _width = width;
        _lut = lut;
        _min = min;
        _max = max;
    }

    /// <summary>True when the transform needs the frame's modality value range.</summary>
    public bool NeedsRange => _kind == Kind.MinMax;

    /// <summary>Chooses the transform the parameters ask for (a min-max one still needs <see cref="WithRange"/>).</summary>
    public static VoiTransform Resolve(RenderParameters p)
    {
        int index = p.VoiIndex;
        bool hasWindow = index >= 0 && index < p.Windows.Count && IsUsable(p.Windows[index], p.VoiFunction);
        bool hasLut = index >= 0 && index < p.VoiLuts.Count;
        switch (p.Voi)
        {
            case VoiSelection.Window:
                if (!hasWindow)
                    throw new UnsupportedInputException(index >= 0 && index < p.Windows.Count
                        ? $"cannot render: window {index + 1} (center {p.Windows[index].Center}, width {p.Windows[index].Width}) is not valid for {p.VoiFunction}"
                        : $"cannot render: there is no window {index + 1} ({p.Windows.Count} given)");
                return FromWindow(p.Windows[index], p.VoiFunction);
            case VoiSelection.VoiLut:
                if (!hasLut) throw new UnsupportedInputException($"cannot render: there is no VOI LUT {index + 1} ({p.VoiLuts.Count} given)");
                return new VoiTransform(Kind.Lut, default, 0, 0, p.VoiLuts[index], 0, 0);
            case VoiSelection.MinMax:
                return new VoiTransform(Kind.MinMax, default, 0, 0, null, 0, 0);
            default:
                if (hasWindow) return FromWindow(p.Windows[index], p.VoiFunction);
                if (hasLut) return new VoiTransform(Kind.Lut, default, 0, 0, p.VoiLuts[index], 0, 0);
                return new VoiTransform(Kind.MinMax, default, 0, 0, null, 0, 0);
        }
    }

    /// <summary>A min-max transform over [min, max] of the frame's modality values.</summary>
    public VoiTransform WithRange(double min, double max) => new(_kind, _function, _center, _width, _lut, min, max);

    public double Apply(double x)
    {
        const double yMax = 255;
        switch (_kind)
        {
            case Kind.Lut:
                {
                    var lut = _lut!;
                    double v = x >= long.MaxValue ? long.MaxValue : x <= long.MinValue ? long.MinValue : Math.Round(x, MidpointRounding.AwayFromZero);
                    return lut.Map((long)v) * yMax / lut.MaxEntryValue;
                }

            case Kind.MinMax:
                // The LINEAR window with center (min + max + 1) / 2 and width max - min + 1 reduces to this.
                return _max > _min ? (x - _min) * yMax / (_max - _min) : 0;

            default:
                double c = _center, w = _width;
                switch (_function)
                {
                    case VoiFunction.LinearExact:
                        // PS3.3 C.11.2.1.3.2, as (x - left) * yMax / w: the same value with fewer rounding steps.
                        if (x <= c - w / 2) return 0;
                        if (x > c + w / 2) return yMax;
                        return (x - (c - w / 2)) * yMax / w;
                    case VoiFunction.Sigmoid:
                        // PS3.3 C.11.2.1.3.1
                        return yMax / (1 + Math.Exp(-4 * (x - c) / w));
                    default:
                        {
                            // PS3.3 C.11.2.1.2.1: ((x - (c - 0.5)) / (w - 1) + 0.5) * yMax inside the window, written
                            // as (x - left) * yMax / (w - 1), which is exact where the standard's form is not (c 128,
                            // w 256 on 8-bit data maps x to x; the top of a min-max window maps to 255).
                            double left = c - 0.5 - (w - 1) / 2;
                            if (x <= left) return 0;
                            if (x > c - 0.5 + (w - 1) / 2) return yMax;
                            return (x - left) * yMax / (w - 1);
                        }
                }
        }
    }

    private static VoiTransform FromWindow(VoiWindow window, VoiFunction function) =>
        new(Kind.Window, function, window.Center, window.Width, null, 0, 0);

    // PS3.3 C.11.2.1.2: Window Width >= 1 for LINEAR, > 0 for LINEAR_EXACT and SIGMOID.
    private static bool IsUsable(VoiWindow w, VoiFunction function) =>
        double.IsFinite(w.Center) && double.IsFinite(w.Width) && (function == VoiFunction.Linear ? w.Width >= 1 : w.Width > 0);
}
