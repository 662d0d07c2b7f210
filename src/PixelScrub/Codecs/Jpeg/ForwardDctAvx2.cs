using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// AVX2 form of the forward DCT and quantisation: eight columns at once, a transpose, eight rows at once,
/// with the scalar path's float operations in the same order so both give the same coefficients.
/// </summary>
internal static partial class ForwardDct
{
    internal static void TransformAndQuantizeAvx2(ReadOnlySpan<byte> samples, int stride, ReadOnlySpan<float> reciprocal,
        Span<short> coefficients, int dcLimit, int acLimit)
    {
        if (samples.Length < 7 * stride + 8 || coefficients.Length < 64 || reciprocal.Length < 64)
            throw new ArgumentException("an 8x8 block needs 64 samples and 64 coefficients");

        ref byte s = ref MemoryMarshal.GetReference(samples);
        Vector256<float> x0 = Row(ref s, 0), x1 = Row(ref s, stride), x2 = Row(ref s, 2 * stride), x3 = Row(ref s, 3 * stride);
        Vector256<float> x4 = Row(ref s, 4 * stride), x5 = Row(ref s, 5 * stride), x6 = Row(ref s, 6 * stride), x7 = Row(ref s, 7 * stride);

        Pass(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7);
        Transpose(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7);
        Pass(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7);
        Transpose(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7);

        ref float rq = ref MemoryMarshal.GetReference(reciprocal);
        Vector256<int> ac = Vector256.Create(acLimit);
        Vector256<int> first = Vector256.Create(dcLimit, acLimit, acLimit, acLimit, acLimit, acLimit, acLimit, acLimit);
        ref short c = ref MemoryMarshal.GetReference(coefficients);
        StorePair(ref c, 0, Quantize(x0, ref rq, 0, first), Quantize(x1, ref rq, 8, ac));
        StorePair(ref c, 16, Quantize(x2, ref rq, 16, ac), Quantize(x3, ref rq, 24, ac));
        StorePair(ref c, 32, Quantize(x4, ref rq, 32, ac), Quantize(x5, ref rq, 40, ac));
        StorePair(ref c, 48, Quantize(x6, ref rq, 48, ac), Quantize(x7, ref rq, 56, ac));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row(ref byte s, int offset)
    {
        Vector128<byte> eight = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, offset))).AsByte();
        return Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(eight)) - Vector256.Create(128f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Quantize(Vector256<float> v, ref float reciprocal, int offset, Vector256<int> limit)
    {
        Vector256<float> scaled = v * Vector256.LoadUnsafe(ref reciprocal, (nuint)offset);
        // Round halves away from zero: add 0.5 carrying the value's sign, then truncate.
        Vector256<float> half = (scaled & Vector256.Create(-0.0f)) | Vector256.Create(0.5f);
        Vector256<int> q = Avx.ConvertToVector256Int32WithTruncation(scaled + half);
        return Avx2.Min(Avx2.Max(q, -limit), limit);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair(ref short c, int offset, Vector256<int> a, Vector256<int> b)
    {
        Vector256<short> packed = Avx2.Permute4x64(Avx2.PackSignedSaturate(a, b).AsInt64(), 0xD8).AsInt16();
        packed.StoreUnsafe(ref c, (nuint)offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass(ref Vector256<float> x0, ref Vector256<float> x1, ref Vector256<float> x2, ref Vector256<float> x3,
        ref Vector256<float> x4, ref Vector256<float> x5, ref Vector256<float> x6, ref Vector256<float> x7)
    {
        Vector256<float> s0 = x0 + x7, d0 = x0 - x7, s1 = x1 + x6, d1 = x1 - x6;
        Vector256<float> s2 = x2 + x5, d2 = x2 - x5, s3 = x3 + x4, d3 = x3 - x4;
        float[] e = Even, o = Odd;
        x0 = Dot(e, 0, s0, s1, s2, s3);
        x1 = Dot(o, 0, d0, d1, d2, d3);
        x2 = Dot(e, 4, s0, s1, s2, s3);
        x3 = Dot(o, 4, d0, d1, d2, d3);
        x4 = Dot(e, 8, s0, s1, s2, s3);
        x5 = Dot(o, 8, d0, d1, d2, d3);
        x6 = Dot(e, 12, s0, s1, s2, s3);
        x7 = Dot(o, 12, d0, d1, d2, d3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Dot(float[] m, int k, Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d) =>
        Vector256.Create(m[k]) * a + Vector256.Create(m[k + 1]) * b + Vector256.Create(m[k + 2]) * c + Vector256.Create(m[k + 3]) * d;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        Vector256<double> t0 = Avx.UnpackLow(r0, r1).AsDouble(), t1 = Avx.UnpackHigh(r0, r1).AsDouble();
        Vector256<double> t2 = Avx.UnpackLow(r2, r3).AsDouble(), t3 = Avx.UnpackHigh(r2, r3).AsDouble();
        Vector256<double> t4 = Avx.UnpackLow(r4, r5).AsDouble(), t5 = Avx.UnpackHigh(r4, r5).AsDouble();
        Vector256<double> t6 = Avx.UnpackLow(r6, r7).AsDouble(), t7 = Avx.UnpackHigh(r6, r7).AsDouble();
        Vector256<float> u0 = Avx.UnpackLow(t0, t2).AsSingle(), u1 = Avx.UnpackHigh(t0, t2).AsSingle();
        Vector256<float> u2 = Avx.UnpackLow(t1, t3).AsSingle(), u3 = Avx.UnpackHigh(t1, t3).AsSingle();
        Vector256<float> u4 = Avx.UnpackLow(t4, t6).AsSingle(), u5 = Avx.UnpackHigh(t4, t6).AsSingle();
        Vector256<float> u6 = Avx.UnpackLow(t5, t7).AsSingle(), u7 = Avx.UnpackHigh(t5, t7).AsSingle();
        r0 = Avx.Permute2x128(u0, u4, 0x20);
        r4 = Avx.Permute2x128(u0, u4, 0x31);
        r1 = Avx.Permute2x128(u1, u5, 0x20);
        r5 = Avx.Permute2x128(u1, u5, 0x31);
        r2 = Avx.Permute2x128(u2, u6, 0x20);
        r6 = Avx.Permute2x128(u2, u6, 0x31);
        r3 = Avx.Permute2x128(u3, u7, 0x20);
        r7 = Avx.Permute2x128(u3, u7, 0x31);
    }
}
