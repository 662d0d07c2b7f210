using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Level shift, 8x8 forward DCT (T.81 A.3.3) and quantisation (T.81 A.3.4) for the encoder, in single
/// precision floats. Each 1-D pass splits the eight inputs into sums and differences of mirrored samples,
/// so the even and the odd outputs each take a 4x4 product (32 multiplies instead of 64).
/// </summary>
[SkipLocalsInit]
internal static partial class ForwardDct
{
    // Even[u/2][k] = C(u)/2 * cos((2k+1) u pi / 16) for u = 0, 2, 4, 6; Odd[(u-1)/2][k] likewise for u = 1, 3, 5, 7.
    private static readonly float[] Even = BuildBasis(0);
    private static readonly float[] Odd = BuildBasis(1);

    private static float[] BuildBasis(int parity)
    {
        var m = new float[16];
        for (int i = 0; i < 4; i++)
        {
            int u = 2 * i + parity;
            double cu = u == 0 ? Math.Sqrt(0.5) : 1.0;
            for (int k = 0; k < 4; k++)
                m[i * 4 + k] = (float)(0.5 * cu * Math.Cos((2 * k + 1) * u * Math.PI / 16));
        }

        return m;
    }

    /// <summary>
    /// Builds the reciprocal table used by <see cref="TransformAndQuantize"/> from a quantisation table in
    /// natural order.
    /// </summary>
    public static void Reciprocals(ReadOnlySpan<ushort> quant, Span<float> reciprocal)
    {
        for (int i = 0; i < 64; i++) reciprocal[i] = 1f / quant[i];
    }

    /// <summary>
    /// Transforms the 8x8 8-bit samples at <paramref name="samples"/> (row stride <paramref name="stride"/>),
    /// level shifted by 128, and writes the quantised coefficients in natural order, rounded to nearest
    /// (halves away from zero) and limited to +-<paramref name="dcLimit"/> (DC) and +-<paramref name="acLimit"/> (AC):
    /// 2047 and 1023 keep 8-bit coding within the Huffman categories of T.81 Tables F.1 and F.2.
    /// </summary>
    public static void TransformAndQuantize(ReadOnlySpan<byte> samples, int stride, ReadOnlySpan<float> reciprocal,
        Span<short> coefficients, int dcLimit, int acLimit)
    {
        if (Avx2.IsSupported)
            TransformAndQuantizeAvx2(samples, stride, reciprocal, coefficients, dcLimit, acLimit);
        else
            TransformAndQuantizeScalar(samples, stride, reciprocal, coefficients, dcLimit, acLimit);
    }

    /// <summary>The portable twin of the AVX2 path; the same float operations in the same order.</summary>
    internal static void TransformAndQuantizeScalar(ReadOnlySpan<byte> samples, int stride, ReadOnlySpan<float> reciprocal,
        Span<short> coefficients, int dcLimit, int acLimit) =>
        Core(samples, stride, 128f, reciprocal, coefficients, dcLimit, acLimit);

    /// <summary>
    /// As <see cref="TransformAndQuantize"/> for 12-bit samples (level shift 2048, T.81 A.3.1); limits of
    /// 16383 keep the DC difference within category 15 and AC within 14 (T.81 Tables F.1, F.2).
    /// </summary>
    public static void TransformAndQuantize12(ReadOnlySpan<ushort> samples, int stride, ReadOnlySpan<float> reciprocal,
        Span<short> coefficients, int dcLimit, int acLimit) =>
        Core(samples, stride, 2048f, reciprocal, coefficients, dcLimit, acLimit);

    private static void Core<T>(ReadOnlySpan<T> samples, int stride, float center, ReadOnlySpan<float> reciprocal,
        Span<short> coefficients, int dcLimit, int acLimit) where T : unmanaged, IBinaryInteger<T>
    {
        if (samples.Length < 7 * stride + 8 || coefficients.Length < 64 || reciprocal.Length < 64)
            throw new ArgumentException("an 8x8 block needs 64 samples and 64 coefficients");

        Span<float> a = stackalloc float[64];
        Span<float> b = stackalloc float[64];
        for (int r = 0; r < 8; r++)
        {
            ReadOnlySpan<T> row = samples.Slice(r * stride, 8);
            for (int x = 0; x < 8; x++) a[r * 8 + x] = int.CreateTruncating(row[x]) - center;
        }

        // Columns of a into b (b[v*8+x]), then rows of b into a (a[v*8+u]).
        for (int x = 0; x < 8; x++) Pass(a, x, 8, b, x, 8);
        for (int v = 0; v < 8; v++) Pass(b, v * 8, 1, a, v * 8, 1);

        for (int i = 0; i < 64; i++)
        {
            float v = a[i] * reciprocal[i];
            int q = (int)(v >= 0 ? v + 0.5f : v - 0.5f);
            coefficients[i] = (short)Math.Clamp(q, -acLimit, acLimit);
        }

        float d = a[0] * reciprocal[0];
        coefficients[0] = (short)Math.Clamp((int)(d >= 0 ? d + 0.5f : d - 0.5f), -dcLimit, dcLimit);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass(Span<float> input, int start, int step, Span<float> output, int outStart, int outStep)
    {
        float s0 = input[start] + input[start + 7 * step], d0 = input[start] - input[start + 7 * step];
        float s1 = input[start + step] + input[start + 6 * step], d1 = input[start + step] - input[start + 6 * step];
        float s2 = input[start + 2 * step] + input[start + 5 * step], d2 = input[start + 2 * step] - input[start + 5 * step];
        float s3 = input[start + 3 * step] + input[start + 4 * step], d3 = input[start + 3 * step] - input[start + 4 * step];
        float[] e = Even, o = Odd;
        for (int i = 0; i < 4; i++)
        {
            int k = i * 4;
            output[outStart + 2 * i * outStep] = e[k] * s0 + e[k + 1] * s1 + e[k + 2] * s2 + e[k + 3] * s3;
            output[outStart + (2 * i + 1) * outStep] = o[k] * d0 + o[k + 1] * d1 + o[k + 2] * d2 + o[k + 3] * d3;
        }
    }
}
