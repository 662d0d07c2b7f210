using System.Buffers.Binary;

namespace PixelScrub.Tests.Text.Generated;

/// <summary>
/// A small TrueType reader and rasterizer for the generated text corpus: character map (format 4), horizontal metrics
/// and quadratic glyph outlines (simple and composite glyphs) from the font's tables, drawn with the non-zero winding
/// rule and anti-aliased by coverage (several sub-scanlines per pixel row, exact span ends along the row). Kerning
/// and hinting are ignored: the corpus needs real outline fonts, not typographic finesse.
/// </summary>
internal sealed class TrueTypeFont
{
    private const int SubRows = 5;

    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = [];
    private readonly int _unitsPerEm, _ascender, _descender, _hMetrics, _numGlyphs;
    private readonly bool _longLoca;
    private readonly int _cmap;

    public TrueTypeFont(string path)
    {
        _data = File.ReadAllBytes(path);
        int count = U16(4);
        for (int i = 0; i < count; i++)
        {
            int rec = 12 + 16 * i;
            string tag = System.Text.Encoding.ASCII.GetString(_data, rec, 4);
            _tables[tag] = ((int)U32(rec + 8), (int)U32(rec + 12));
        }

        foreach (var t in new[] { "head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap" })
        {
            if (!_tables.ContainsKey(t)) throw new InvalidDataException($"{path}: no '{t}' table (not a TrueType outline font)");
        }

        int head = _tables["head"].Offset, hhea = _tables["hhea"].Offset;
        _unitsPerEm = U16(head + 18);
        _longLoca = I16(head + 50) == 1;
        _ascender = I16(hhea + 4);
        _descender = I16(hhea + 6);
        _hMetrics = U16(hhea + 34);
        _numGlyphs = U16(_tables["maxp"].Offset + 4);
        _cmap = FindUnicodeMap(path);
    }

    /// <summary>Coverage (0..1) of <paramref name="text"/> at an em size of <paramref name="emPixels"/>, cropped to its ink.</summary>
    public float[,] Render(string text, double emPixels)
    {
        double scale = emPixels / _unitsPerEm;
        double baseline = Math.Ceiling(_ascender * scale) + 1;
        int height = (int)Math.Ceiling((_ascender - _descender) * scale) + 3;
        var edges = new List<(double X0, double Y0, double X1, double Y1)>();
        double pen = 1;
        foreach (char c in text)
        {
            int glyph = GlyphIndex(c);
            foreach (var contour in Outline(glyph, 0, 0, 1, 0, 0, 1, 0))
            {
                for (int i = 0; i < contour.Count; i++)
                {
                    var (ax, ay) = contour[i];
                    var (bx, by) = contour[(i + 1) % contour.Count];
                    edges.Add((pen + ax * scale, baseline - ay * scale, pen + bx * scale, baseline - by * scale));
                }
            }

            pen += Advance(glyph) * scale;
        }

        int width = (int)Math.Ceiling(pen) + 2;
        var coverage = new float[height, width];
        var crossings = new List<(double X, int Winding)>();
        var row = new double[width + 1];
        for (int y = 0; y < height; y++)
        {
            Array.Clear(row);
            for (int s = 0; s < SubRows; s++)
            {
                double sy = y + (s + 0.5) / SubRows;
                crossings.Clear();
                foreach (var (x0, y0, x1, y1) in edges)
                {
                    if (y0 == y1 || sy < Math.Min(y0, y1) || sy >= Math.Max(y0, y1)) continue;
                    crossings.Add((x0 + (sy - y0) * (x1 - x0) / (y1 - y0), y1 > y0 ? 1 : -1));
                }

                crossings.Sort((a, b) => a.X.CompareTo(b.X));
                int winding = 0;
                for (int k = 0; k < crossings.Count; k++)
                {
                    int before = winding;
                    winding += crossings[k].Winding;
                    if (before == 0) continue;
                    AddSpan(row, crossings[k - 1].X, crossings[k].X, 1.0 / SubRows);
                }
            }

            for (int x = 0; x < width; x++) coverage[y, x] = (float)Math.Min(1, row[x]);
        }

        return TextInk.Crop(coverage);
    }

    /// <summary>Adds the part of [xa, xb) each pixel column covers, times <paramref name="weight"/>.</summary>
    private static void AddSpan(double[] row, double xa, double xb, double weight)
    {
        xa = Math.Max(0, xa);
        xb = Math.Min(row.Length - 1, xb);
        if (xb <= xa) return;
        int ia = (int)xa, ib = (int)xb;
        if (ia == ib)
        {
            row[ia] += (xb - xa) * weight;
            return;
        }

        row[ia] += (ia + 1 - xa) * weight;
        for (int x = ia + 1; x < ib; x++) row[x] += weight;
        row[ib] += (xb - ib) * weight;
    }

    private int Advance(int glyph)
    {
        int hmtx = _tables["hmtx"].Offset;
        return U16(hmtx + 4 * Math.Min(glyph, _hMetrics - 1));
    }

    /// <summary>Contours of a glyph as polygons in font units, transformed by (a b; c d) and moved by (dx, dy); depth bounds composites.</summary>
    private List<List<(double X, double Y)>> Outline(int glyph, double dx, double dy, double a, double b, double c, double d, int depth)
    {
        var result = new List<List<(double, double)>>();
        if (glyph >= _numGlyphs || depth > 8) return result;
        int loca = _tables["loca"].Offset;
        int start = _longLoca ? (int)U32(loca + 4 * glyph) : 2 * U16(loca + 2 * glyph);
        int end = _longLoca ? (int)U32(loca + 4 * glyph + 4) : 2 * U16(loca + 2 * glyph + 2);
        if (end <= start) return result; // an empty glyph (space)
        int g = _tables["glyf"].Offset + start;
        int contours = I16(g);
        if (contours < 0)
        {
            int p = g + 10;
            while (true)
            {
                int flags = U16(p), component = U16(p + 2);
                p += 4;
                double ox, oy;
                if ((flags & 1) != 0)
                {
                    ox = I16(p);
                    oy = I16(p + 2);
                    p += 4;
                }
                else
                {
                    ox = (sbyte)_data[p];
                    oy = (sbyte)_data[p + 1];
                    p += 2;
                }

                if ((flags & 2) == 0) ox = oy = 0; // point matching: not used by the fonts drawn here
                double ca = 1, cb = 0, cc = 0, cd = 1;
                if ((flags & 8) != 0)
                {
                    ca = cd = F2Dot14(p);
                    p += 2;
                }
                else if ((flags & 0x40) != 0)
                {
                    ca = F2Dot14(p);
                    cd = F2Dot14(p + 2);
                    p += 4;
                }
                else if ((flags & 0x80) != 0)
                {
                    ca = F2Dot14(p);
                    cb = F2Dot14(p + 2);
                    cc = F2Dot14(p + 4);
                    cd = F2Dot14(p + 6);
                    p += 8;
                }

                // The component's transform, then its offset, then the parent's transform.
                foreach (var contour in Outline(component, 0, 0, ca, cb, cc, cd, depth + 1))
                {
                    result.Add(contour.Select(q => (a * (q.X + ox) + c * (q.Y + oy) + dx, b * (q.X + ox) + d * (q.Y + oy) + dy)).ToList());
                }

                if ((flags & 0x20) == 0) break;
            }

            return result;
        }

        var ends = new int[contours];
        for (int i = 0; i < contours; i++) ends[i] = U16(g + 10 + 2 * i);
        int points = contours == 0 ? 0 : ends[^1] + 1;
        int q0 = g + 10 + 2 * contours;
        int pos = q0 + 2 + U16(q0);
        var flagsOf = new byte[points];
        for (int i = 0; i < points;)
        {
            byte f = _data[pos++];
            flagsOf[i++] = f;
            if ((f & 8) != 0)
            {
                int repeat = _data[pos++];
                while (repeat-- > 0 && i < points) flagsOf[i++] = f;
            }
        }

        // x coordinates, then y (flag bits 1 and 4 for x, 2 and 5 for y: a short delta and its sign, or "same as before").
        var xs = Coordinates(flagsOf, 2, 16, ref pos);
        var ys = Coordinates(flagsOf, 4, 32, ref pos);

        int first = 0;
        foreach (int last in ends)
        {
            var polygon = Flatten(first, last, xs, ys, flagsOf);
            result.Add(polygon.Select(q => (a * q.X + c * q.Y + dx, b * q.X + d * q.Y + dy)).ToList());
            first = last + 1;
        }

        return result;
    }

    /// <summary>Absolute coordinates from deltas: a one-byte delta (sign from <paramref name="sameOrPositive"/>), none, or two bytes.</summary>
    private int[] Coordinates(byte[] flags, int shortBit, int sameOrPositive, ref int pos)
    {
        var values = new int[flags.Length];
        int v = 0;
        for (int i = 0; i < flags.Length; i++)
        {
            byte f = flags[i];
            if ((f & shortBit) != 0) v += (f & sameOrPositive) != 0 ? _data[pos++] : -_data[pos++];
            else if ((f & sameOrPositive) == 0)
            {
                v += I16(pos);
                pos += 2;
            }

            values[i] = v;
        }

        return values;
    }

    /// <summary>One contour of quadratic B-spline points (two off-curve points in a row imply an on-curve point between them) as a polygon.</summary>
    private static List<(double X, double Y)> Flatten(int first, int last, int[] xs, int[] ys, byte[] flags)
    {
        int n = last - first + 1;
        var pts = new List<(double X, double Y, bool On)>();
        for (int i = 0; i < n; i++)
        {
            int k = first + i, next = first + (i + 1) % n;
            bool on = (flags[k] & 1) != 0, nextOn = (flags[next] & 1) != 0;
            pts.Add((xs[k], ys[k], on));
            if (!on && !nextOn) pts.Add(((xs[k] + xs[next]) / 2.0, (ys[k] + ys[next]) / 2.0, true));
        }

        // Start at an on-curve point (one always exists after the implied points, unless the contour is all off-curve and has one point).
        int startAt = pts.FindIndex(p => p.On);
        var polygon = new List<(double, double)>();
        if (startAt < 0) return polygon;
        int m = pts.Count;
        var current = pts[startAt];
        polygon.Add((current.X, current.Y));
        for (int i = 1; i <= m; i++)
        {
            var p = pts[(startAt + i) % m];
            if (p.On)
            {
                if (i < m) polygon.Add((p.X, p.Y));
                current = p;
                continue;
            }

            var end = pts[(startAt + i + 1) % m];
            for (int s = 1; s <= 8; s++)
            {
                double t = s / 8.0, u = 1 - t;
                polygon.Add((u * u * current.X + 2 * u * t * p.X + t * t * end.X, u * u * current.Y + 2 * u * t * p.Y + t * t * end.Y));
            }

            current = end;
            i++;
        }

        return polygon;
    }

    private int FindUnicodeMap(string path)
    {
        int cmap = _tables["cmap"].Offset;
        int count = U16(cmap + 2);
        for (int i = 0; i < count; i++)
        {
            int rec = cmap + 4 + 8 * i;
            int platform = U16(rec), encoding = U16(rec + 2);
            int sub = cmap + (int)U32(rec + 4);
            if (((platform == 3 && encoding == 1) || platform == 0) && U16(sub) == 4) return sub;
        }

        throw new InvalidDataException($"{path}: no Unicode character map of format 4");
    }

    private int GlyphIndex(char c)
    {
        int segments = U16(_cmap + 6) / 2;
        int endCodes = _cmap + 14, startCodes = endCodes + 2 * segments + 2, deltas = startCodes + 2 * segments, offsets = deltas + 2 * segments;
        for (int i = 0; i < segments; i++)
        {
            if (U16(endCodes + 2 * i) < c) continue;
            int startCode = U16(startCodes + 2 * i);
            if (startCode > c) return 0;
            int delta = I16(deltas + 2 * i), rangeOffset = U16(offsets + 2 * i);
            if (rangeOffset == 0) return (c + delta) & 0xFFFF;
            int glyph = U16(offsets + 2 * i + rangeOffset + 2 * (c - startCode));
            return glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
        }

        return 0;
    }

    private int U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));

    private int I16(int at) => BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at));

    private double F2Dot14(int at) => I16(at) / 16384.0;
}
