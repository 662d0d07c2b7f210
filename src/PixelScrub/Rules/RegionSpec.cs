using PixelScrub.Masks;

namespace PixelScrub.Rules;

/// <summary>
/// One mask operation as a rule states it, converted per image by <see cref="Resolve"/> (ARCHITECTURE.md,
/// "regions"). A, B, C, D are the four numbers as written (corners or x,y,w,h).
/// </summary>
internal sealed record RegionSpec(MaskValue Value, RegionKind Kind, int A = 0, int B = 0, int C = 0, int D = 0, FieldPath? From = null)
{
    // Tags of the ultrasound region corners (PS3.3 C.8.5.5, Sequence of Ultrasound Regions).
    private const uint MinX0 = 0x0018_6018, MinY0 = 0x0018_601A, MaxX1 = 0x0018_601C, MaxY1 = 0x0018_601E;

    /// <summary>
    /// Appends the operations for an image of the given size; columns/rows of 0 mean unknown (no image):
    /// then boxes are kept as written and regions counted from the far edge are dropped.
    /// </summary>
    public void Resolve(IHeaderValues header, int columns, int rows, List<MaskOperation> output)
    {
        switch (Kind)
        {
            case RegionKind.All:
                output.Add(new MaskOperation(Value, default, true));
                break;
            case RegionKind.Corners:
                // deid slices mask[ymin:ymax, xmin:xmax]: Python slice bounds (negative counts from the end, clamped).
                if (columns <= 0 || rows <= 0)
                {
                    if (A >= 0 && B >= 0 && C >= 0 && D >= 0) Add(output, new Region(A, B, C, D));
                    break;
                }

                Add(output, new Region(SliceBound(A, columns), SliceBound(B, rows), SliceBound(C, columns), SliceBound(D, rows)));
                break;
            case RegionKind.CtpBox:
                int x = A, y = B;
                if (x < 0 || y < 0)
                {
                    if (columns <= 0 || rows <= 0) break;
                    if (x < 0) x += columns;
                    if (y < 0) y += rows;
                }

                var box = new Region(x, y, (int)Math.Min(int.MaxValue, (long)x + C), (int)Math.Min(int.MaxValue, (long)y + D));
                Add(output, columns > 0 && rows > 0 ? box.ClipTo(columns, rows) : box);
                break;
            case RegionKind.From:
                var items = From!.ReadItems(header);
                if (items is null) break;
                foreach (var item in items)
                {
                    if (TryInt(item, MinX0, out int x0) && TryInt(item, MinY0, out int y0) &&
                        TryInt(item, MaxX1, out int x1) && TryInt(item, MaxY1, out int y1))
                    {
                        var r = new Region(x0, y0, x1, y1);
                        Add(output, columns > 0 && rows > 0 ? r.ClipTo(columns, rows) : r);
                    }
                }

                break;
        }

        void Add(List<MaskOperation> ops, Region r)
        {
            if (!r.IsEmpty) ops.Add(new MaskOperation(Value, r));
        }
    }

    private static int SliceBound(int v, int length)
    {
        if (v < 0) v = Math.Max(0, v + length);
        return Math.Min(v, length);
    }

    private static bool TryInt(IHeaderValues item, uint tag, out int value)
    {
        value = 0;
        var v = item.GetValues(tag);
        return v is { Length: > 0 } && int.TryParse(v[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Canonical form for model comparison.</summary>
    public string Canonical() => Kind switch
    {
        RegionKind.All => $"{(int)Value}:all",
        RegionKind.From => $"{(int)Value}:from:{From!.Canonical()}",
        RegionKind.Corners => $"{(int)Value}:corners({A},{B},{C},{D})",
        _ => $"{(int)Value}:ctp({A},{B},{C},{D})",
    };
}
