using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Dequantisation and 8x8 inverse DCT (T.81 A.3.3) in scaled integer arithmetic after Loeffler, Ligtenberg
/// and Moschytz (12 multiplies per 1-D pass, constants with 13 fraction bits). The rounding points (a column
/// pass kept with <c>PASS1_BITS</c> extra bits, then a row pass with one final rounding) are those of the
/// "islow" method that libjpeg and libjpeg-turbo use by default, so samples agree with <c>djpeg</c> and
/// <c>dcmdjpeg</c>. Output is level shifted by 2^(P-1) (T.81 A.3.1) and clamped to 0..2^P-1.
/// </summary>
[SkipLocalsInit]
internal static partial class InverseDct
{
    private const int ConstBits = 13;

    // round(c * 2^13) for the LL&M rotation constants.
    private const long F0298631336 = 2446;
    private const long F0390180644 = 3196;
    private const long F0541196100 = 4433;
    private const long F0765366865 = 6270;
    private const long F0899976223 = 7373;
    private const long F1175875602 = 9633;
    private const long F1501321110 = 12299;
    private const long F1847759065 = 15137;
    private const long F1961570560 = 16069;
    private const long F2053119869 = 16819;
    private const long F2562915447 = 20995;
    private const long F3072711026 = 25172;

    /// <summary>
    /// Dequantises one block (coefficients and table both in natural row-major order) and writes the
    /// 8x8 8-bit samples at <paramref name="output"/> with the given row stride.
    /// </summary>
    public static void Transform8(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<byte> output, int stride)
    {
        if (Avx2.IsSupported)
        {
            Transform8Avx2(coefficients, quant, output, stride);
            return;
        }

        Transform8Scalar(coefficients, quant, output, stride);
    }

    /// <summary>The portable twin of the AVX2 path (and the reference the tests compare it with).</summary>
    internal static void Transform8Scalar(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<byte> output, int stride)
    {
        const int pass1Bits = 2;
        Span<int> ws = stackalloc int[64];
        Columns(coefficients, quant, ws, pass1Bits);
        if (output.Length < 7 * stride + 8) throw new ArgumentException("output too small for an 8x8 block");
        for (int r = 0; r < 8; r++)
        {
            Span<int> row = ws.Slice(r * 8, 8);
            Span<byte> o = output.Slice(r * stride, 8);
            Row(row, pass1Bits, 255, 128, out int s0, out int s1, out int s2, out int s3, out int s4, out int s5, out int s6, out int s7);
            o[0] = (byte)s0; o[1] = (byte)s1; o[2] = (byte)s2; o[3] = (byte)s3;
            o[4] = (byte)s4; o[5] = (byte)s5; o[6] = (byte)s6; o[7] = (byte)s7;
        }
    }

    /// <summary>As <see cref="Transform8"/> for 12-bit precision (T.81 Extended): samples 0..4095.</summary>
    public static void Transform12(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<ushort> output, int stride)
    {
        // 12-bit libjpeg builds keep one extra bit in the first pass (not two) to stay within 32 bits.
        const int pass1Bits = 1;
        Span<int> ws = stackalloc int[64];
        Columns(coefficients, quant, ws, pass1Bits);
        if (output.Length < 7 * stride + 8) throw new ArgumentException("output too small for an 8x8 block");
        for (int r = 0; r < 8; r++)
        {
            Span<int> row = ws.Slice(r * 8, 8);
            Span<ushort> o = output.Slice(r * stride, 8);
            Row(row, pass1Bits, 4095, 2048, out int s0, out int s1, out int s2, out int s3, out int s4, out int s5, out int s6, out int s7);
            o[0] = (ushort)s0; o[1] = (ushort)s1; o[2] = (ushort)s2; o[3] = (ushort)s3;
            o[4] = (ushort)s4; o[5] = (ushort)s5; o[6] = (ushort)s6; o[7] = (ushort)s7;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Descale(long x, int n) => (x + (1L << (n - 1))) >> n;

    private static void Columns(ReadOnlySpan<short> c, ReadOnlySpan<ushort> q, Span<int> ws, int pass1Bits)
    {
        if (c.Length < 64 || q.Length < 64) throw new ArgumentException("a block has 64 coefficients");
        int shift = ConstBits - pass1Bits;
        for (int col = 0; col < 8; col++)
        {
            int i1 = c[8 + col], i2 = c[16 + col], i3 = c[24 + col], i4 = c[32 + col];
            int i5 = c[40 + col], i6 = c[48 + col], i7 = c[56 + col];
            long d0 = (long)c[col] * q[col];
            if ((i1 | i2 | i3 | i4 | i5 | i6 | i7) == 0)
            {
                // A column with only a DC term is constant; the full computation gives the same values.
                int dc = (int)(d0 << pass1Bits);
                for (int k = 0; k < 8; k++) ws[k * 8 + col] = dc;
                continue;
            }

            Butterfly(d0, (long)i1 * q[8 + col], (long)i2 * q[16 + col], (long)i3 * q[24 + col],
                (long)i4 * q[32 + col], (long)i5 * q[40 + col], (long)i6 * q[48 + col], (long)i7 * q[56 + col],
                out long o0, out long o1, out long o2, out long o3, out long o4, out long o5, out long o6, out long o7);
            ws[col] = (int)Descale(o0, shift);
            ws[8 + col] = (int)Descale(o1, shift);
            ws[16 + col] = (int)Descale(o2, shift);
            ws[24 + col] = (int)Descale(o3, shift);
            ws[32 + col] = (int)Descale(o4, shift);
            ws[40 + col] = (int)Descale(o5, shift);
            ws[48 + col] = (int)Descale(o6, shift);
            ws[56 + col] = (int)Descale(o7, shift);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(Span<int> w, int pass1Bits, int max, int center,
        out int s0, out int s1, out int s2, out int s3, out int s4, out int s5, out int s6, out int s7)
    {
        int shift = ConstBits + pass1Bits + 3;
        if ((w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]) == 0)
        {
            int v = Math.Clamp((int)Descale(w[0], pass1Bits + 3) + center, 0, max);
            s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = v;
            return;
        }

        Butterfly(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
            out long o0, out long o1, out long o2, out long o3, out long o4, out long o5, out long o6, out long o7);
        s0 = Math.Clamp((int)Descale(o0, shift) + center, 0, max);
        s1 = Math.Clamp((int)Descale(o1, shift) + center, 0, max);
        s2 = Math.Clamp((int)Descale(o2, shift) + center, 0, max);
        s3 = Math.Clamp((int)Descale(o3, shift) + center, 0, max);
        s4 = Math.Clamp((int)Descale(o4, shift) + center, 0, max);
        s5 = Math.Clamp((int)Descale(o5, shift) + center, 0, max);
        s6 = Math.Clamp((int)Descale(o6, shift) + center, 0, max);
        s7 = Math.Clamp((int)Descale(o7, shift) + center, 0, max);
    }

    /// <summary>One 1-D 8-point inverse transform; outputs carry 2^13 extra scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(long x0, long x1, long x2, long x3, long x4, long x5, long x6, long x7,
        out long o0, out long o1, out long o2, out long o3, out long o4, out long o5, out long o6, out long o7)
    {
        // Even half: x0, x4 direct; x2, x6 through the sqrt(2)*c6 rotation.
        long r = (x2 + x6) * F0541196100;
        long e2 = r - x6 * F1847759065;
        long e3 = r + x2 * F0765366865;
        long e0 = (x0 + x4) << ConstBits;
        long e1 = (x0 - x4) << ConstBits;
        long t10 = e0 + e3, t13 = e0 - e3, t11 = e1 + e2, t12 = e1 - e2;

        // Odd half: x7, x5, x3, x1.
        long z1 = x7 + x1, z2 = x5 + x3, z3 = x7 + x3, z4 = x5 + x1;
        long z5 = (z3 + z4) * F1175875602;
        long a0 = x7 * F0298631336, a1 = x5 * F2053119869, a2 = x3 * F3072711026, a3 = x1 * F1501321110;
        z1 *= -F0899976223;
        z2 *= -F2562915447;
        z3 = z3 * -F1961570560 + z5;
        z4 = z4 * -F0390180644 + z5;
        a0 += z1 + z3;
        a1 += z2 + z4;
        a2 += z2 + z3;
        a3 += z1 + z4;

        o0 = t10 + a3; o7 = t10 - a3;
        o1 = t11 + a2; o6 = t11 - a2;
        o2 = t12 + a1; o5 = t12 - a1;
        o3 = t13 + a0; o4 = t13 - a0;
    }
}
