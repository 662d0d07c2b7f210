namespace PixelScrub.Masks;

/// <summary>
/// A half-open rectangle [X0,X1) x [Y0,Y1) in pixel coordinates of a frame (ARCHITECTURE.md, "regions").
/// </summary>
public readonly record struct Region(int X0, int Y0, int X1, int Y1)
{
    public int Width => Math.Max(0, X1 - X0);
    public int Height => Math.Max(0, Y1 - Y0);
    public bool IsEmpty => X1 <= X0 || Y1 <= Y0;

    /// <summary>The part of this region inside a frame of the given size (may be empty).</summary>
    public Region ClipTo(int columns, int rows) =>
        new(Math.Clamp(X0, 0, columns), Math.Clamp(Y0, 0, rows), Math.Clamp(X1, 0, columns), Math.Clamp(Y1, 0, rows));

    /// <summary>The smallest region holding both.</summary>
    public Region Union(Region other) =>
        new(Math.Min(X0, other.X0), Math.Min(Y0, other.Y0), Math.Max(X1, other.X1), Math.Max(Y1, other.Y1));

    /// <summary>The part of this region inside <paramref name="other"/> (empty when they do not meet).</summary>
    public Region Intersect(Region other) =>
        new(Math.Max(X0, other.X0), Math.Max(Y0, other.Y0), Math.Min(X1, other.X1), Math.Min(Y1, other.Y1));

    public bool Intersects(Region other) =>
        !IsEmpty && !other.IsEmpty && X0 < other.X1 && other.X0 < X1 && Y0 < other.Y1 && other.Y0 < Y1;

    /// <summary>deid's text form "xmin,ymin,xmax,ymax".</summary>
    public override string ToString() => $"{X0},{Y0},{X1},{Y1}";
}
