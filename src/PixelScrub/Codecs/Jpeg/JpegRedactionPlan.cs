using PixelScrub.Masks;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Which blocks of each component a mask redacts, and what their coefficients become. A block is redacted
/// when its pixel footprint (its 8x8 samples scaled by Hmax/Hi, Vmax/Vi, T.81 A.1.1; blocks past the image
/// edge by their footprint clipped to the image) intersects a clean part of the mask.
/// </summary>
internal sealed class JpegRedactionPlan
{
    private readonly bool[][] _redacted;  // per component, BlocksPerLine x BlocksPerColumn
    private readonly JpegComponentRole[] _roles;
    private readonly (int Bx0, int By0, int Bx1, int By1)[] _ranges; // per component: where selected blocks can be

    private JpegRedactionPlan(JpegFrame frame, bool[][] redacted, (int, int, int, int)[] ranges, JpegComponentRole[] roles,
        JpegRedactMode mode, int count)
    {
        Frame = frame;
        _redacted = redacted;
        _ranges = ranges;
        _roles = roles;
        Mode = mode;
        SelectedBlocks = count;
    }

    public JpegFrame Frame { get; }

    public JpegRedactMode Mode { get; }

    /// <summary>Number of blocks (all components, including padding blocks) the mask selects.</summary>
    public int SelectedBlocks { get; }

    public bool IsEmpty => SelectedBlocks == 0;

    public bool IsRedacted(int component, int bx, int by) =>
        _redacted[component][by * Frame.Components[component].BlocksPerLine + bx];

    /// <summary>The block range [Bx0,Bx1) x [By0,By1) of a component outside which no block is selected.</summary>
    public (int Bx0, int By0, int Bx1, int By1) CandidateRange(int component) => _ranges[component];

    /// <summary>Selects the blocks of <paramref name="frame"/> that <paramref name="mask"/> touches.</summary>
    public static JpegRedactionPlan Create(JpegFrame frame, PixelMask mask, JpegRedactMode mode, JpegColorModel colors,
        bool hasJfif, int adobeTransform)
    {
        var comps = frame.Components;
        var redacted = new bool[comps.Length][];
        var ranges = new (int, int, int, int)[comps.Length];
        int count = 0;
        var bounds = mask.IsEmpty ? default : mask.CleanBounds().ClipTo(frame.Width, frame.Height);
        for (int i = 0; i < comps.Length; i++)
        {
            var c = comps[i];
            var map = new bool[c.BlocksPerLine * c.BlocksPerColumn];
            redacted[i] = map;
            if (bounds.IsEmpty) continue;
            int sx = 8 * frame.HMax, sy = 8 * frame.VMax; // footprint of one block is sx/H by sy/V pixels
            int bx0 = bounds.X0 * c.H / sx, bx1 = Math.Min(c.BlocksPerLine, (bounds.X1 * c.H + sx - 1) / sx);
            int by0 = bounds.Y0 * c.V / sy, by1 = Math.Min(c.BlocksPerColumn, (bounds.Y1 * c.V + sy - 1) / sy);
            ranges[i] = (bx0, by0, bx1, by1);
            for (int by = by0; by < by1; by++)
            {
                int y0 = by * sy / c.V, y1 = ((by + 1) * sy + c.V - 1) / c.V;
                for (int bx = bx0; bx < bx1; bx++)
                {
                    int x0 = bx * sx / c.H, x1 = ((bx + 1) * sx + c.H - 1) / c.H;
                    if (mask.AnyClean(new Region(x0, y0, x1, y1)))
                    {
                        map[by * c.BlocksPerLine + bx] = true;
                        count++;
                    }
                }
            }
        }

        return new JpegRedactionPlan(frame, redacted, ranges, Roles(frame, colors, hasJfif, adobeTransform), mode, count);
    }

    /// <summary>
    /// Rewrites a redacted block (natural order) in place: AC dropped; DC per the mode. <paramref name="quant"/>
    /// is the component's quantization table.
    /// </summary>
    public void Apply(Span<short> block, int component, ReadOnlySpan<ushort> quant)
    {
        short dc = block[0];
        block.Clear();
        block[0] = Mode switch
        {
            JpegRedactMode.Blur => dc,
            JpegRedactMode.Gray => 0,
            _ => FillDc(_roles[component], quant[0], Frame.Precision),
        };
    }

    /// <summary>
    /// The quantized DC that decodes to the darkest (or, inverted, brightest) value. A flat block of level-shifted
    /// samples s has F(0,0) = 8 s (T.81 A.3.3), and the decoder adds 2^(P-1) (A.3.1); so black needs
    /// DC * Q0 &lt;= -8 * 2^(P-1). Rounding away from zero overshoots and decoders clamp, giving exact black.
    /// The result stays within the DC range of the precision (category &lt;= P + 3, Table F.1).
    /// </summary>
    internal static short FillDc(JpegComponentRole role, int q0, int precision)
    {
        if (role == JpegComponentRole.Neutral || q0 <= 0) return 0;
        int shift = 8 << (precision - 1);          // 8 * 2^(P-1)
        int limit = (1 << (precision + 3)) / 2 - 1; // keeps |DC - predictor| inside the largest category
        int magnitude = Math.Min(limit, (shift + q0 - 1) / q0);
        return (short)(role == JpegComponentRole.Maximum ? magnitude : -magnitude);
    }

    private static JpegComponentRole[] Roles(JpegFrame frame, JpegColorModel colors, bool hasJfif, int adobeTransform)
    {
        var comps = frame.Components;
        var roles = new JpegComponentRole[comps.Length];
        if (colors == JpegColorModel.Auto)
        {
            colors = comps.Length switch
            {
                1 => JpegColorModel.Monochrome,
                3 when adobeTransform == 0 && !hasJfif => JpegColorModel.Rgb,
                3 when comps[0].Id == 'R' && comps[1].Id == 'G' && comps[2].Id == 'B' => JpegColorModel.Rgb,
                3 => JpegColorModel.YCbCr,
                _ => JpegColorModel.Rgb,
            };
        }

        for (int i = 0; i < roles.Length; i++)
        {
            roles[i] = colors switch
            {
                JpegColorModel.YCbCr => i == 0 ? JpegComponentRole.Minimum : JpegComponentRole.Neutral,
                JpegColorModel.InvertedMonochrome => JpegComponentRole.Maximum,
                _ => JpegComponentRole.Minimum,
            };
        }

        return roles;
    }
}
