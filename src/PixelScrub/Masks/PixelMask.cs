namespace PixelScrub.Masks;

/// <summary>
/// The mask of one image, the same for every frame: starts as keep everywhere and applies operations in
/// order (ARCHITECTURE.md, "the mask"). Stored as horizontal bands with sorted runs of cleaned columns, so
/// queries cost O(number of operations), not O(pixels).
/// </summary>
public sealed class PixelMask
{
    private readonly int[] _bandStarts;      // band i covers rows [_bandStarts[i], _bandStarts[i+1])
    private readonly (int X0, int X1)[][] _bandRuns; // cleaned runs per band, sorted, disjoint

    public PixelMask(int columns, int rows, IReadOnlyList<MaskOperation> operations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        Columns = columns;
        Rows = rows;

        var resolved = new List<(MaskValue Value, Region Region)>(operations.Count);
        foreach (var op in operations)
        {
            var r = op.All ? new Region(0, 0, columns, rows) : op.Region.ClipTo(columns, rows);
            resolved.Add((op.Value, r));
        }

        var cuts = new SortedSet<int> { 0, rows };
        foreach (var (_, r) in resolved)
        {
            if (r.IsEmpty) continue;
            cuts.Add(r.Y0);
            cuts.Add(r.Y1);
        }

        _bandStarts = cuts.ToArray();
        int bands = Math.Max(0, _bandStarts.Length - 1);
        _bandRuns = new (int, int)[bands][];
        var row = new bool[columns];
        for (int b = 0; b < bands; b++)
        {
            int y = _bandStarts[b];
            Array.Clear(row);
            bool any = false;
            foreach (var (value, r) in resolved)
            {
                if (r.IsEmpty || y < r.Y0 || y >= r.Y1) continue;
                Array.Fill(row, value == MaskValue.Clean, r.X0, r.X1 - r.X0);
                any = true;
            }

            _bandRuns[b] = any ? ToRuns(row) : [];
        }

        foreach (var runs in _bandRuns)
        {
            if (runs.Length > 0) { IsEmpty = false; return; }
        }

        IsEmpty = true;
    }

    public int Columns { get; }
    public int Rows { get; }

    /// <summary>True when no pixel is to be cleaned.</summary>
    public bool IsEmpty { get; }

    /// <summary>The runs [X0,X1) of cleaned columns on a row; empty when the row is kept whole.</summary>
    public ReadOnlySpan<(int X0, int X1)> CleanRuns(int row)
    {
        if ((uint)row >= (uint)Rows) return [];
        int b = Array.BinarySearch(_bandStarts, row);
        if (b < 0) b = ~b - 1;
        return b < _bandRuns.Length ? _bandRuns[b] : [];
    }

    /// <summary>True when any pixel of the rectangle is to be cleaned (used for JPEG block selection).</summary>
    public bool AnyClean(Region area)
    {
        var a = area.ClipTo(Columns, Rows);
        if (a.IsEmpty) return false;
        int b = Array.BinarySearch(_bandStarts, a.Y0);
        if (b < 0) b = ~b - 1;
        for (; b < _bandRuns.Length && _bandStarts[b] < a.Y1; b++)
        {
            foreach (var (x0, x1) in _bandRuns[b])
            {
                if (x0 < a.X1 && a.X0 < x1) return true;
            }
        }

        return false;
    }

    /// <summary>True when the pixel is to be cleaned.</summary>
    public bool IsClean(int x, int y) => AnyClean(new Region(x, y, x + 1, y + 1));

    /// <summary>The bounding box of everything cleaned (empty when nothing is).</summary>
    public Region CleanBounds()
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        for (int b = 0; b < _bandRuns.Length; b++)
        {
            var runs = _bandRuns[b];
            if (runs.Length == 0) continue;
            y0 = Math.Min(y0, _bandStarts[b]);
            y1 = Math.Max(y1, _bandStarts[b + 1]);
            x0 = Math.Min(x0, runs[0].X0);
            x1 = Math.Max(x1, runs[^1].X1);
        }

        return x0 == int.MaxValue ? default : new Region(x0, y0, x1, y1);
    }

    private static (int, int)[] ToRuns(bool[] row)
    {
        var runs = new List<(int, int)>();
        int i = 0;
        while (i < row.Length)
        {
            if (!row[i]) { i++; continue; }
            int s = i;
            while (i < row.Length && row[i]) i++;
            runs.Add((s, i));
        }

        return runs.ToArray();
    }
}
