using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// AVX2 form of the 8-bit islow IDCT: the same constants and rounding points as the scalar pass, eight
/// columns (then, after a transpose, eight rows) at once in 32-bit lanes. For 8-bit data the intermediate
/// values stay far inside 32 bits (libjpeg-turbo's own SIMD code uses 16-bit lanes), so the result equals
/// the scalar path; the tests compare the two.
/// </summary>
internal static partial class InverseDct
{
    internal static void Transform8Avx2(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<byte> output, int stride)
    {
        if (coefficients.Length < 64 || quant.Length < 64) throw new ArgumentException("a block has 64 coefficients");
        if (stride < 8 || output.Length < 7 * stride + 8) throw new ArgumentException("output too small for an 8x8 block");

        ref short c = ref MemoryMarshal.GetReference(coefficients);
        ref ushort q = ref MemoryMarshal.GetReference(quant);
        Vector256<int> r0 = Load(ref c, ref q, 0), r1 = Load(ref c, ref q, 8), r2 = Load(ref c, ref q, 16), r3 = Load(ref c, ref q, 24);
        Vector256<int> r4 = Load(ref c, ref q, 32), r5 = Load(ref c, ref q, 40), r6 = Load(ref c, ref q, 48), r7 = Load(ref c, ref q, 56);

        // Pass 1 over columns (lanes are columns), keeping PASS1_BITS = 2 extra bits.
        Butterfly(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Vector256<int> round1 = Vector256.Create(1 << (ConstBits - 2 - 1));
        r0 = Avx2.ShiftRightArithmetic(r0 + round1, ConstBits - 2);
        r1 = Avx2.ShiftRightArithmetic(r1 + round1, ConstBits - 2);
        r2 = Avx2.ShiftRightArithmetic(r2 + round1, ConstBits - 2);
        r3 = Avx2.ShiftRightArithmetic(r3 + round1, ConstBits - 2);
        r4 = Avx2.ShiftRightArithmetic(r4 + round1, ConstBits - 2);
        r5 = Avx2.ShiftRightArithmetic(r5 + round1, ConstBits - 2);
        r6 = Avx2.ShiftRightArithmetic(r6 + round1, ConstBits - 2);
        r7 = Avx2.ShiftRightArithmetic(r7 + round1, ConstBits - 2);

        // Pass 2 over rows: transpose so lanes are rows, transform, descale, level shift.
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Butterfly(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        const int shift = ConstBits + 2 + 3;
        Vector256<int> round2 = Vector256.Create((1 << (shift - 1)) + (128 << shift));
        r0 = Avx2.ShiftRightArithmetic(r0 + round2, shift);
        r1 = Avx2.ShiftRightArithmetic(r1 + round2, shift);
        r2 = Avx2.ShiftRightArithmetic(r2 + round2, shift);
        r3 = Avx2.ShiftRightArithmetic(r3 + round2, shift);
        r4 = Avx2.ShiftRightArithmetic(r4 + round2, shift);
        r5 = Avx2.ShiftRightArithmetic(r5 + round2, shift);
        r6 = Avx2.ShiftRightArithmetic(r6 + round2, shift);
        r7 = Avx2.ShiftRightArithmetic(r7 + round2, shift);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

        // Saturating packs clamp to 0..255; the 128-bit lane interleave of the packs is undone by a permute.
        Vector256<byte> b0123 = Pack(r0, r1, r2, r3);
        Vector256<byte> b4567 = Pack(r4, r5, r6, r7);
        ref byte o = ref MemoryMarshal.GetReference(output);
        Store(ref o, stride, 0, b0123);
        Store(ref o, stride, 4, b4567);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(ref short c, ref ushort q, int offset)
    {
        Vector256<int> coef = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref c, (nuint)offset));
        Vector256<int> quant = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref q, (nuint)offset));
        return Avx2.MultiplyLow(coef, quant);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Pack(Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> d)
    {
        // packs: [a0-3 b0-3 | a4-7 b4-7], [c0-3 d0-3 | c4-7 d4-7]; packus: [a0-3 b0-3 c0-3 d0-3 | a4-7 b4-7 c4-7 d4-7]
        Vector256<short> ab = Avx2.PackSignedSaturate(a, b);
        Vector256<short> cd = Avx2.PackSignedSaturate(c, d);
        Vector256<byte> bytes = Avx2.PackUnsignedSaturate(ab, cd);
        // As 32-bit groups of four samples: [a lo, b lo, c lo, d lo | a hi, b hi, c hi, d hi] -> rows a, b, c, d.
        return Avx2.PermuteVar8x32(bytes.AsInt32(), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref byte o, int stride, int firstRow, Vector256<byte> rows)
    {
        Vector256<ulong> r = rows.AsUInt64();
        for (int i = 0; i < 4; i++)
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, (firstRow + i) * stride), r.GetElement(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector256<int> x0, ref Vector256<int> x1, ref Vector256<int> x2, ref Vector256<int> x3,
        ref Vector256<int> x4, ref Vector256<int> x5, ref Vector256<int> x6, ref Vector256<int> x7)
    {
        Vector256<int> r = Avx2.MultiplyLow(x2 + x6, Vector256.Create((int)F0541196100));
        Vector256<int> e2 = r - Avx2.MultiplyLow(x6, Vector256.Create((int)F1847759065));
        Vector256<int> e3 = r + Avx2.MultiplyLow(x2, Vector256.Create((int)F0765366865));
        Vector256<int> e0 = Avx2.ShiftLeftLogical(x0 + x4, ConstBits);
        Vector256<int> e1 = Avx2.ShiftLeftLogical(x0 - x4, ConstBits);
        Vector256<int> t10 = e0 + e3, t13 = e0 - e3, t11 = e1 + e2, t12 = e1 - e2;

        Vector256<int> z1 = x7 + x1, z2 = x5 + x3, z3 = x7 + x3, z4 = x5 + x1;
        Vector256<int> z5 = Avx2.MultiplyLow(z3 + z4, Vector256.Create((int)F1175875602));
        Vector256<int> a0 = Avx2.MultiplyLow(x7, Vector256.Create((int)F0298631336));
        Vector256<int> a1 = Avx2.MultiplyLow(x5, Vector256.Create((int)F2053119869));
        Vector256<int> a2 = Avx2.MultiplyLow(x3, Vector256.Create((int)F3072711026));
        Vector256<int> a3 = Avx2.MultiplyLow(x1, Vector256.Create((int)F1501321110));
        z1 = Avx2.MultiplyLow(z1, Vector256.Create((int)-F0899976223));
        z2 = Avx2.MultiplyLow(z2, Vector256.Create((int)-F2562915447));
        z3 = Avx2.MultiplyLow(z3, Vector256.Create((int)-F1961570560)) + z5;
        z4 = Avx2.MultiplyLow(z4, Vector256.Create((int)-F0390180644)) + z5;
        a0 += z1 + z3;
        a1 += z2 + z4;
        a2 += z2 + z3;
        a3 += z1 + z4;

        x0 = t10 + a3; x7 = t10 - a3;
        x1 = t11 + a2; x6 = t11 - a2;
        x2 = t12 + a1; x5 = t12 - a1;
        x3 = t13 + a0; x4 = t13 - a0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        Vector256<long> t0 = Avx2.UnpackLow(r0, r1).AsInt64(), t1 = Avx2.UnpackHigh(r0, r1).AsInt64();
        Vector256<long> t2 = Avx2.UnpackLow(r2, r3).AsInt64(), t3 = Avx2.UnpackHigh(r2, r3).AsInt64();
        Vector256<long> t4 = Avx2.UnpackLow(r4, r5).AsInt64(), t5 = Avx2.UnpackHigh(r4, r5).AsInt64();
        Vector256<long> t6 = Avx2.UnpackLow(r6, r7).AsInt64(), t7 = Avx2.UnpackHigh(r6, r7).AsInt64();
        Vector256<int> u0 = Avx2.UnpackLow(t0, t2).AsInt32(), u1 = Avx2.UnpackHigh(t0, t2).AsInt32();
        Vector256<int> u2 = Avx2.UnpackLow(t1, t3).AsInt32(), u3 = Avx2.UnpackHigh(t1, t3).AsInt32();
        Vector256<int> u4 = Avx2.UnpackLow(t4, t6).AsInt32(), u5 = Avx2.UnpackHigh(t4, t6).AsInt32();
        Vector256<int> u6 = Avx2.UnpackLow(t5, t7).AsInt32(), u7 = Avx2.UnpackHigh(t5, t7).AsInt32();
        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }
}
