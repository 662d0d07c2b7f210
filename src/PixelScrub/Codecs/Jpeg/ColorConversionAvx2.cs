using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// 8-bit YCbCr to interleaved RGB, 16 pixels at a time with AVX2 (same fixed-point equations and rounding as
/// the scalar <see cref="ColorConversion.YCbCrToRgb{T}"/>, which handles the tail and machines without AVX2).
/// </summary>
internal static partial class ColorConversion
{
    // pshufb masks that place R, G or B byte p at output position 3p + channel of each 16-byte output block.
    private static readonly Vector128<byte>[] InterleaveMasks = BuildMasks();

    private static Vector128<byte>[] BuildMasks()
    {
        var masks = new Vector128<byte>[9];
        Span<byte> m = stackalloc byte[16];
        for (int block = 0; block < 3; block++)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                for (int i = 0; i < 16; i++)
                {
                    int j = block * 16 + i;
                    m[i] = j % 3 == channel ? (byte)(j / 3) : (byte)0x80;
                }

                masks[block * 3 + channel] = Vector128.Create((ReadOnlySpan<byte>)m);
            }
        }

        return masks;
    }

    /// <summary>8-bit YCbCr rows to interleaved RGB; the fast path of the decoder.</summary>
    public static void YCbCrToRgb8(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, int width, Span<byte> rgb)
    {
        if (y.Length < width || cb.Length < width || cr.Length < width || rgb.Length < 3 * width)
            throw new ArgumentException("rows too short for the width");
        int x = 0;
        if (Avx2.IsSupported && width >= 16) x = Avx2Rows(y, cb, cr, width, rgb);
        if (x < width)
            YCbCrToRgb<byte>(y[x..], cb[x..], cr[x..], width - x, rgb[(3 * x)..], 128, 255);
    }

    /// <summary>Converts whole groups of 16 pixels; returns how many pixels it did.</summary>
    internal static int Avx2Rows(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, int width, Span<byte> rgb)
    {
        ref byte py = ref MemoryMarshal.GetReference(y);
        ref byte pb = ref MemoryMarshal.GetReference(cb);
        ref byte pr = ref MemoryMarshal.GetReference(cr);
        ref byte po = ref MemoryMarshal.GetReference(rgb);
        Vector256<int> center = Vector256.Create(128), half = Vector256.Create(Half);
        Vector256<int> rcr = Vector256.Create(RCr), bcb = Vector256.Create(BCb);
        Vector256<int> gcb = Vector256.Create(-GCb), gcr = Vector256.Create(-GCr);
        Vector128<byte>[] masks = InterleaveMasks;
        int x = 0;
        for (; x + 16 <= width; x += 16)
        {
            Vector128<byte> y16 = Vector128.LoadUnsafe(ref py, (nuint)x);
            Vector128<byte> b16 = Vector128.LoadUnsafe(ref pb, (nuint)x);
            Vector128<byte> r16 = Vector128.LoadUnsafe(ref pr, (nuint)x);
            Channels(y16, b16, r16, center, half, rcr, bcb, gcb, gcr, out var rLo, out var gLo, out var bLo);
            Channels(Sse2.ShiftRightLogical128BitLane(y16, 8), Sse2.ShiftRightLogical128BitLane(b16, 8),
                Sse2.ShiftRightLogical128BitLane(r16, 8), center, half, rcr, bcb, gcb, gcr, out var rHi, out var gHi, out var bHi);

            // Saturating packs clamp to 0..255; Permute4x64 undoes the per-lane interleave of the packs.
            Vector256<short> rs = Avx2.Permute4x64(Avx2.PackSignedSaturate(rLo, rHi).AsInt64(), 0xD8).AsInt16();
            Vector256<short> gs = Avx2.Permute4x64(Avx2.PackSignedSaturate(gLo, gHi).AsInt64(), 0xD8).AsInt16();
            Vector256<short> bs = Avx2.Permute4x64(Avx2.PackSignedSaturate(bLo, bHi).AsInt64(), 0xD8).AsInt16();
            Vector256<byte> rg = Avx2.Permute4x64(Avx2.PackUnsignedSaturate(rs, gs).AsInt64(), 0xD8).AsByte();
            Vector256<byte> bb = Avx2.Permute4x64(Avx2.PackUnsignedSaturate(bs, bs).AsInt64(), 0xD8).AsByte();
            Vector128<byte> r = rg.GetLower(), g = rg.GetUpper(), b = bb.GetLower();

            ref byte o = ref Unsafe.Add(ref po, 3 * x);
            for (int k = 0; k < 3; k++)
            {
                Vector128<byte> v = Ssse3.Shuffle(r, masks[3 * k]) | Ssse3.Shuffle(g, masks[3 * k + 1]) | Ssse3.Shuffle(b, masks[3 * k + 2]);
                v.StoreUnsafe(ref o, (nuint)(16 * k));
            }
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Channels(Vector128<byte> y8, Vector128<byte> cb8, Vector128<byte> cr8, Vector256<int> center,
        Vector256<int> half, Vector256<int> rcr, Vector256<int> bcb, Vector256<int> gcb, Vector256<int> gcr,
        out Vector256<int> r, out Vector256<int> g, out Vector256<int> b)
    {
        Vector256<int> l = Avx2.ConvertToVector256Int32(y8);
        Vector256<int> cb = Avx2.ConvertToVector256Int32(cb8) - center;
        Vector256<int> cr = Avx2.ConvertToVector256Int32(cr8) - center;
        r = l + Avx2.ShiftRightArithmetic(Avx2.MultiplyLow(cr, rcr) + half, Shift);
        g = l + Avx2.ShiftRightArithmetic(Avx2.MultiplyLow(cb, gcb) + Avx2.MultiplyLow(cr, gcr) + half, Shift);
        b = l + Avx2.ShiftRightArithmetic(Avx2.MultiplyLow(cb, bcb) + half, Shift);
    }
}
