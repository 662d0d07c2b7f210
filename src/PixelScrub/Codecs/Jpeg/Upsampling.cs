using System.Numerics;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Rebuilds full-resolution rows of a subsampled component (T.81 A.1.1 leaves the method to the decoder).
/// For 2:1 horizontal (with 1:1 or 2:1 vertical) and for 1:2 vertical it uses the triangle filter that
/// libjpeg calls "fancy" upsampling (each output sample weighs its nearest input 3/4 and the next nearest
/// 1/4, with libjpeg's alternating rounding), so results agree with <c>djpeg</c>'s default; any other integral
/// ratio replicates samples. Rows and columns outside the component's own size repeat its last row/column.
/// </summary>
internal static class Upsampling
{
    /// <summary>
    /// Writes output row <paramref name="y"/> (in full-resolution coordinates) of a component whose samples
    /// occupy <paramref name="width"/> x <paramref name="height"/> of <paramref name="plane"/> (row stride
    /// <paramref name="stride"/>), upsampled by <paramref name="hRatio"/> x <paramref name="vRatio"/>.
    /// <paramref name="output"/> needs <c>width * hRatio</c> samples.
    /// </summary>
    public static void Row<T>(ReadOnlySpan<T> plane, int stride, int width, int height, int hRatio, int vRatio,
        int y, Span<T> output) where T : unmanaged, IBinaryInteger<T>
    {
        if (width < 1 || height < 1 || hRatio < 1 || vRatio < 1 || output.Length < width * hRatio
            || plane.Length < (height - 1) * stride + width)
            throw new ArgumentException("upsampling geometry does not fit the buffers");

        int row = Math.Min(y / vRatio, height - 1);
        ReadOnlySpan<T> a = plane.Slice(row * stride, width);
        if (hRatio == 1 && vRatio == 1)
        {
            a.CopyTo(output);
            return;
        }

        if (vRatio == 2 && (hRatio == 1 || (hRatio == 2 && width > 2)))
        {
            // The nearer neighbouring input row: above for the upper output row, below for the lower one.
            bool upper = (y & 1) == 0;
            int near = Math.Clamp(upper ? row - 1 : row + 1, 0, height - 1);
            ReadOnlySpan<T> b = plane.Slice(near * stride, width);
            if (hRatio == 1) Vertical(a, b, upper ? 1 : 2, output);
            else Both(a, b, output);
            return;
        }

        if (hRatio == 2 && vRatio == 1 && width > 2)
        {
            Horizontal(a, output);
            return;
        }

        for (int x = 0; x < width; x++)
        {
            T v = a[x];
            output.Slice(x * hRatio, hRatio).Fill(v);
        }
    }

    private static int I<T>(T v) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(v);

    private static T O<T>(int v) where T : unmanaged, IBinaryInteger<T> => T.CreateTruncating(v);

    private static void Horizontal<T>(ReadOnlySpan<T> a, Span<T> o) where T : unmanaged, IBinaryInteger<T>
    {
        int n = a.Length;
        int first = I(a[0]);
        o[0] = a[0];
        o[1] = O<T>((first * 3 + I(a[1]) + 2) >> 2);
        for (int i = 1; i < n - 1; i++)
        {
            int v = I(a[i]) * 3;
            o[2 * i] = O<T>((v + I(a[i - 1]) + 1) >> 2);
            o[2 * i + 1] = O<T>((v + I(a[i + 1]) + 2) >> 2);
        }

        o[2 * n - 2] = O<T>((I(a[n - 1]) * 3 + I(a[n - 2]) + 1) >> 2);
        o[2 * n - 1] = a[n - 1];
    }

    private static void Vertical<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int bias, Span<T> o)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (int i = 0; i < a.Length; i++) o[i] = O<T>((I(a[i]) * 3 + I(b[i]) + bias) >> 2);
    }

    private static void Both<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, IBinaryInteger<T>
    {
        int n = a.Length;
        int last = I(a[0]) * 3 + I(b[0]);
        int cur = last;
        int next = I(a[1]) * 3 + I(b[1]);
        o[0] = O<T>((cur * 4 + 8) >> 4);
        o[1] = O<T>((cur * 3 + next + 7) >> 4);
        for (int i = 1; i < n - 1; i++)
        {
            last = cur;
            cur = next;
            next = I(a[i + 1]) * 3 + I(b[i + 1]);
            o[2 * i] = O<T>((cur * 3 + last + 8) >> 4);
            o[2 * i + 1] = O<T>((cur * 3 + next + 7) >> 4);
        }

        o[2 * n - 2] = O<T>((next * 3 + cur + 8) >> 4);
        o[2 * n - 1] = O<T>((next * 4 + 7) >> 4);
    }
}
