using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PixelScrub.Imaging;

/// <summary>
/// Vector128 versions of filter scoring and filtering for rows with a previous row. Every filter reads only
/// the unfiltered rows, so 16 bytes are processed at once; the first <c>bpp</c> bytes and the tail are done by
/// the scalar code. Scalar twins: <see cref="PngFilter.ChooseFilterScalar"/> and <see cref="PngFilter.Apply"/>.
/// </summary>
internal static partial class PngFilter
{
    private static bool UseVectors => Vector128.IsHardwareAccelerated;

    /// <summary>Scores all five filters over [bpp, end) with vectors; returns where the vector part stopped.</summary>
    private static int ScoreVector(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<long> scores)
    {
        int n = row.Length;
        int i = bpp;
        if (n - bpp < 16) return i;
        ref byte rowRef = ref Unsafe.AsRef(in row[0]);
        ref byte prevRef = ref Unsafe.AsRef(in previous[0]);
        Vector128<ushort> none = default, sub = default, up = default, avg = default, paeth = default;
        int sinceFlush = 0;
        for (; i <= n - 16; i += 16)
        {
            var x = Vector128.LoadUnsafe(ref rowRef, (nuint)i);
            var a = Vector128.LoadUnsafe(ref rowRef, (nuint)(i - bpp));
            var b = Vector128.LoadUnsafe(ref prevRef, (nuint)i);
            var c = Vector128.LoadUnsafe(ref prevRef, (nuint)(i - bpp));
            none += AbsWiden(x);
            sub += AbsWiden(x - a);
            up += AbsWiden(x - b);
            avg += AbsWiden(x - Average(a, b));
            paeth += AbsWiden(x - PaethVector(a, b, c));

            // Each add puts at most 2 * 128 in a lane: flush well before 65535.
            if (++sinceFlush == 200)
            {
                Flush(ref none, ref sub, ref up, ref avg, ref paeth, scores);
                sinceFlush = 0;
            }
        }

        Flush(ref none, ref sub, ref up, ref avg, ref paeth, scores);
        return i;
    }

    /// <summary>Applies Sub, Average or Paeth (with a previous row) over [bpp, end) with vectors; returns where it stopped.</summary>
    private static int ApplyVector(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        int n = row.Length;
        int i = bpp;
        if (n - bpp < 16) return i;
        ref byte rowRef = ref Unsafe.AsRef(in row[0]);
        ref byte prevRef = ref Unsafe.AsRef(in previous[0]);
        ref byte outRef = ref output[0];
        for (; i <= n - 16; i += 16)
        {
            var x = Vector128.LoadUnsafe(ref rowRef, (nuint)i);
            var a = Vector128.LoadUnsafe(ref rowRef, (nuint)(i - bpp));
            var b = Vector128.LoadUnsafe(ref prevRef, (nuint)i);
            Vector128<byte> predictor = type switch
            {
                1 => a,
                2 => b,
                3 => Average(a, b),
                _ => PaethVector(a, b, Vector128.LoadUnsafe(ref prevRef, (nuint)(i - bpp))),
            };
            (x - predictor).StoreUnsafe(ref outRef, (nuint)i);
        }

        return i;
    }

    /// <summary>floor((a + b) / 2) per byte without overflow.</summary>
    private static Vector128<byte> Average(Vector128<byte> a, Vector128<byte> b) =>
        (a & b) + Vector128.ShiftRightLogical(a ^ b, 1);

    /// <summary>The Paeth predictor per byte (PNG spec 9.4), computed in 16-bit lanes.</summary>
    private static Vector128<byte> PaethVector(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c)
    {
        var (aLo, aHi) = Vector128.Widen(a);
        var (bLo, bHi) = Vector128.Widen(b);
        var (cLo, cHi) = Vector128.Widen(c);
        var lo = PaethHalf(aLo.AsInt16(), bLo.AsInt16(), cLo.AsInt16());
        var hi = PaethHalf(aHi.AsInt16(), bHi.AsInt16(), cHi.AsInt16());
        return Vector128.Narrow(lo.AsUInt16(), hi.AsUInt16());
    }

    private static Vector128<short> PaethHalf(Vector128<short> a, Vector128<short> b, Vector128<short> c)
    {
        // p = a + b - c: pa = |p - a| = |b - c|, pb = |p - b| = |a - c|, pc = |p - c| = |(b - c) + (a - c)|.
        var bc = b - c;
        var ac = a - c;
        var pa = Vector128.Abs(bc);
        var pb = Vector128.Abs(ac);
        var pc = Vector128.Abs(bc + ac);
        var takeA = Vector128.LessThanOrEqual(pa, pb) & Vector128.LessThanOrEqual(pa, pc);
        var takeB = Vector128.LessThanOrEqual(pb, pc);
        return Vector128.ConditionalSelect(takeA, a, Vector128.ConditionalSelect(takeB, b, c));
    }

    /// <summary>|v as signed byte| (0..128) widened and summed pairwise into 8 ushort lanes.</summary>
    private static Vector128<ushort> AbsWiden(Vector128<byte> v)
    {
        var abs = Vector128.Abs(v.AsSByte()).AsByte(); // |-128| wraps to 0x80 = 128 read unsigned
        var (lo, hi) = Vector128.Widen(abs);
        return lo + hi;
    }

    private static void Flush(ref Vector128<ushort> none, ref Vector128<ushort> sub, ref Vector128<ushort> up,
        ref Vector128<ushort> avg, ref Vector128<ushort> paeth, Span<long> scores)
    {
        scores[0] += Total(ref none);
        scores[1] += Total(ref sub);
        scores[2] += Total(ref up);
        scores[3] += Total(ref avg);
        scores[4] += Total(ref paeth);
    }

    private static long Total(ref Vector128<ushort> acc)
    {
        var (lo, hi) = Vector128.Widen(acc);
        acc = Vector128<ushort>.Zero;
        return Vector128.Sum(lo + hi);
    }
}
