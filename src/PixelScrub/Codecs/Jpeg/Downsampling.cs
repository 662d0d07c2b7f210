using System.Numerics;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>Box-average chroma downsampling for the encoder (each output sample is the rounded mean of its
/// hRatio x vRatio input samples).</summary>
internal static class Downsampling
{
    /// <summary>
    /// Reduces a <paramref name="width"/> x <paramref name="height"/> plane (both multiples of the ratios)
    /// to <c>width / hRatio</c> x <c>height / vRatio</c>.
    /// </summary>
    public static void Box<T>(ReadOnlySpan<T> input, int width, int height, int hRatio, int vRatio, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (hRatio < 1 || vRatio < 1 || width % hRatio != 0 || height % vRatio != 0
            || input.Length < width * height || output.Length < width / hRatio * (height / vRatio))
            throw new ArgumentException("downsampling geometry does not fit the buffers");

        int outWidth = width / hRatio, outHeight = height / vRatio;
        if (hRatio == 1 && vRatio == 1)
        {
            input[..(width * height)].CopyTo(output);
            return;
        }

        int count = hRatio * vRatio, half = count / 2;
        for (int oy = 0; oy < outHeight; oy++)
        {
            Span<T> o = output.Slice(oy * outWidth, outWidth);
            int top = oy * vRatio * width;
            for (int ox = 0; ox < outWidth; ox++)
            {
                int sum = 0, x0 = ox * hRatio;
                for (int dy = 0; dy < vRatio; dy++)
                {
                    ReadOnlySpan<T> r = input.Slice(top + dy * width + x0, hRatio);
                    for (int dx = 0; dx < hRatio; dx++) sum += int.CreateTruncating(r[dx]);
                }

                o[ox] = T.CreateTruncating((sum + half) / count);
            }
        }
    }
}
