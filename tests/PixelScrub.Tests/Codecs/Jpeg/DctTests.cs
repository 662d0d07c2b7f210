using PixelScrub.Codecs.Jpeg;

namespace PixelScrub.Tests.Codecs.Jpeg;

public class DctTests
{
    // Basis[x, u] = C(u) cos((2x+1) u pi / 16).
    private static readonly double[,] Basis = BuildBasis();

    private static double[,] BuildBasis()
    {
        var b = new double[8, 8];
        for (int x = 0; x < 8; x++)
        for (int u = 0; u < 8; u++)
            b[x, u] = (u == 0 ? Math.Sqrt(0.5) : 1) * Math.Cos((2 * x + 1) * u * Math.PI / 16);
        return b;
    }

    private static double[,] ReferenceIdct(ReadOnlySpan<int> dequantised)
    {
        // T.81 A.3.3 equation for the IDCT, evaluated directly in double precision.
        var s = new double[8, 8];
        for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
        {
            double sum = 0;
            for (int v = 0; v < 8; v++)
            for (int u = 0; u < 8; u++)
                sum += Basis[x, u] * Basis[y, v] * dequantised[v * 8 + u];

            s[y, x] = sum / 4;
        }

        return s;
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(8, 2)]
    [InlineData(12, 3)]
    public void InverseDctIsWithinOneOfTheExactTransform(int precision, int seed)
    {
        // IEEE 1180-style check: random coefficient blocks; every sample within +-1 of the exact IDCT.
        var random = new Random(seed);
        var quant = new ushort[64];
        for (int i = 0; i < 64; i++) quant[i] = (ushort)random.Next(1, 20);
        var coef = new short[64];
        var deq = new int[64];
        int max = (1 << precision) - 1, center = 1 << (precision - 1);
        var out8 = new byte[64];
        var out12 = new ushort[64];
        for (int trial = 0; trial < 2000; trial++)
        {
            int range = random.Next(1, 60);
            for (int i = 0; i < 64; i++)
            {
                coef[i] = (short)(random.Next(4) == 0 ? random.Next(-range, range + 1) : 0);
                deq[i] = coef[i] * quant[i];
            }

            coef[0] = (short)random.Next(-center / 8 / quant[0] * 8 / 8, center / 8 / quant[0] + 1);
            deq[0] = coef[0] * quant[0];
            var exact = ReferenceIdct(deq);
            // 8-bit: the dispatching entry point (AVX2 where there is AVX2) and the scalar twin, each on its own
            for (int path = 0; path < (precision == 8 ? 2 : 1); path++)
            {
                if (precision != 8) InverseDct.Transform12(coef, quant, out12, 8);
                else if (path == 0) InverseDct.Transform8(coef, quant, out8, 8);
                else InverseDct.Transform8Scalar(coef, quant, out8, 8);
                for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                {
                    double want = Math.Clamp(Math.Round(exact[y, x] + center), 0, max);
                    int got = precision == 8 ? out8[y * 8 + x] : out12[y * 8 + x];
                    Assert.True(Math.Abs(got - want) <= 1, $"trial {trial} path {path} ({x},{y}): got {got}, exact {exact[y, x] + center:F3}");
                }
            }
        }
    }

    /// <summary>
    /// The entry point gives the scalar twin's exact bytes, on any machine; where there is AVX2 the AVX2 kernel is
    /// compared with the scalar twin as well (without AVX2 the scalar twin is what runs, and
    /// <see cref="InverseDctIsWithinOneOfTheExactTransform"/> checks it against the exact transform).
    /// </summary>
    [Fact]
    public void Avx2InverseDctEqualsTheScalarTwin()
    {
        bool avx2 = System.Runtime.Intrinsics.X86.Avx2.IsSupported;
        var dispatched = new byte[12 * 8];
        var random = new Random(5);
        var quant = new ushort[64];
        var coef = new short[64];
        var scalar = new byte[12 * 8];
        var vector = new byte[12 * 8];
        for (int trial = 0; trial < 5000; trial++)
        {
            for (int i = 0; i < 64; i++) quant[i] = (ushort)random.Next(1, trial % 2 == 0 ? 16 : 256);
            int density = random.Next(1, 8);
            for (int i = 0; i < 64; i++)
                coef[i] = (short)(random.Next(density) == 0 ? random.Next(-1024, 1024) / Math.Max(1, quant[i] / 2) : 0);
            coef[0] = (short)(random.Next(-1024, 1024) / quant[0]);
            InverseDct.Transform8Scalar(coef, quant, scalar, 12);
            InverseDct.Transform8(coef, quant, dispatched, 12);
            if (avx2) InverseDct.Transform8Avx2(coef, quant, vector, 12);
            for (int r = 0; r < 8; r++)
            {
                Assert.Equal(scalar.AsSpan(r * 12, 8).ToArray(), dispatched.AsSpan(r * 12, 8).ToArray());
                if (avx2) Assert.Equal(scalar.AsSpan(r * 12, 8).ToArray(), vector.AsSpan(r * 12, 8).ToArray());
            }
        }
    }

    /// <summary>As for the inverse: the entry point equals the scalar twin everywhere, the AVX2 kernel where there is AVX2;
    /// <see cref="ScalarForwardDctIsWithinOneOfTheExactTransform"/> checks the twin itself.</summary>
    [Fact]
    public void Avx2ForwardDctEqualsTheScalarTwin()
    {
        bool avx2 = System.Runtime.Intrinsics.X86.Avx2.IsSupported;
        var dispatched = new short[64];
        var random = new Random(6);
        var samples = new byte[10 * 8];
        var quant = new ushort[64];
        var recip = new float[64];
        var scalar = new short[64];
        var vector = new short[64];
        for (int trial = 0; trial < 3000; trial++)
        {
            random.NextBytes(samples);
            if (trial % 3 == 0) Array.Fill(samples, (byte)random.Next(256)); // flat blocks: halves on the DC
            for (int i = 0; i < 64; i++) quant[i] = (ushort)random.Next(1, trial % 2 == 0 ? 4 : 100);
            ForwardDct.Reciprocals(quant, recip);
            ForwardDct.TransformAndQuantizeScalar(samples, 10, recip, scalar, 2047, trial % 5 == 0 ? 20 : 1023);
            ForwardDct.TransformAndQuantize(samples, 10, recip, dispatched, 2047, trial % 5 == 0 ? 20 : 1023);
            Assert.Equal(scalar, dispatched);
            if (!avx2) continue;
            ForwardDct.TransformAndQuantizeAvx2(samples, 10, recip, vector, 2047, trial % 5 == 0 ? 20 : 1023);
            Assert.Equal(scalar, vector);
        }
    }

    [Fact]
    public void ScalarForwardDctIsWithinOneOfTheExactTransform()
    {
        // T.81 A.3.3 FDCT in double precision: F(v,u) = 1/4 C(u) C(v) sum s(y,x) cos(..) cos(..), samples level shifted.
        var random = new Random(11);
        var samples = new byte[64];
        var quant = new ushort[64];
        Array.Fill(quant, (ushort)1);
        var recip = new float[64];
        ForwardDct.Reciprocals(quant, recip);
        var coef = new short[64];
        for (int trial = 0; trial < 1000; trial++)
        {
            random.NextBytes(samples);
            ForwardDct.TransformAndQuantizeScalar(samples, 8, recip, coef, 2047, 1023);
            for (int v = 0; v < 8; v++)
            for (int u = 0; u < 8; u++)
            {
                double sum = 0;
                for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                    sum += Basis[x, u] * Basis[y, v] * (samples[y * 8 + x] - 128);

                double exact = sum / 4;
                Assert.True(Math.Abs(coef[v * 8 + u] - exact) <= 1, $"trial {trial} ({u},{v}): got {coef[v * 8 + u]}, exact {exact:F3}");
            }
        }
    }

    [Fact]
    public void ForwardThenInverseWithUnitQuantisationRestoresSamples()
    {
        var random = new Random(7);
        var quant = new ushort[64];
        Array.Fill(quant, (ushort)1);
        var recip = new float[64];
        ForwardDct.Reciprocals(quant, recip);
        var samples = new byte[64];
        var coef = new short[64];
        var back = new byte[64];
        for (int trial = 0; trial < 500; trial++)
        {
            random.NextBytes(samples);
            ForwardDct.TransformAndQuantize(samples, 8, recip, coef, 2047, 1023);
            InverseDct.Transform8(coef, quant, back, 8);
            for (int i = 0; i < 64; i++) Assert.InRange(back[i] - samples[i], -1, 1);
        }
    }

    [Fact]
    public void ForwardDctOfAFlatBlockIsDcOnly()
    {
        var samples = new byte[16 * 8];
        Array.Fill(samples, (byte)200);
        var quant = new ushort[64];
        Array.Fill(quant, (ushort)2);
        var recip = new float[64];
        ForwardDct.Reciprocals(quant, recip);
        var coef = new short[64];
        ForwardDct.TransformAndQuantize(samples, 16, recip, coef, 2047, 1023);
        // F(0,0) = 8 * (200 - 128) = 576 (T.81 A.3.3 with C(0) = 1/sqrt2); quantised by 2.
        Assert.Equal(288, coef[0]);
        for (int i = 1; i < 64; i++) Assert.Equal(0, coef[i]);
    }

    [Fact]
    public void InverseDctClampsToTheSampleRange()
    {
        var quant = new ushort[64];
        Array.Fill(quant, (ushort)16);
        var coef = new short[64];
        coef[0] = 200; // 200 * 16 / 8 = 400 above the centre
        var out8 = new byte[64];
        InverseDct.Transform8(coef, quant, out8, 8);
        Assert.All(out8, v => Assert.Equal(255, v));
        coef[0] = -200;
        InverseDct.Transform8(coef, quant, out8, 8);
        Assert.All(out8, v => Assert.Equal(0, v));
    }
}
