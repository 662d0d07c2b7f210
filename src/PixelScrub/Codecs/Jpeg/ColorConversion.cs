using System.Numerics;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// RGB &lt;-&gt; YCbCr of JFIF (T.871 clause 7, full range) in 16-bit fixed point. Decoding rounds the way
/// libjpeg's table-driven converter does, so the RGB agrees with <c>djpeg</c>; 12-bit samples use the same
/// equations with the centre 2048.
/// </summary>
internal static partial class ColorConversion
{
    private const int Shift = 16;
    private const int Half = 1 << (Shift - 1);

    private static int Fix(double x) => (int)(x * (1 << Shift) + 0.5);

    private static readonly int YR = Fix(0.299), YG = Fix(0.587), YB = Fix(0.114);
    private static readonly int CbR = Fix(0.168735892), CbG = Fix(0.331264108);
    private static readonly int CrG = Fix(0.418687589), CrB = Fix(0.081312411);
    // Decoding constants rounded to five places as libjpeg does, so results agree with djpeg.
    private static readonly int RCr = Fix(1.402), BCb = Fix(1.772), GCb = Fix(0.34414), GCr = Fix(0.71414);

    /// <summary>
    /// Splits <paramref name="width"/> interleaved 8-bit RGB pixels into Y, Cb and Cr samples (T.871 (1)-(3)).
    /// </summary>
    public static void RgbToYCbCr(ReadOnlySpan<byte> rgb, int width, Span<byte> y, Span<byte> cb, Span<byte> cr)
    {
        if (rgb.Length < 3 * width || y.Length < width || cb.Length < width || cr.Length < width)
            throw new ArgumentException("rows too short for the width");
        const int offset = (128 << Shift) + Half - 1; // -1 keeps B = 255 (or R = 255) at Cb (Cr) = 255
        for (int i = 0; i < width; i++)
        {
            int r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
            y[i] = (byte)((YR * r + YG * g + YB * b + Half) >> Shift);
            cb[i] = (byte)((-CbR * r - CbG * g + (b << (Shift - 1)) + offset) >> Shift);
            cr[i] = (byte)(((r << (Shift - 1)) - CrG * g - CrB * b + offset) >> Shift);
        }
    }

    /// <summary>
    /// Converts one row of Y, Cb, Cr samples (T.871 (4)-(6)) to interleaved RGB, for 8-bit (<c>byte</c>)
    /// or 12-bit (<c>ushort</c>) samples; <paramref name="center"/> is 2^(P-1), <paramref name="max"/> 2^P-1.
    /// </summary>
    public static void YCbCrToRgb<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> cb, ReadOnlySpan<T> cr, int width,
        Span<T> rgb, int center, int max) where T : unmanaged, IBinaryInteger<T>
    {
        if (y.Length < width || cb.Length < width || cr.Length < width || rgb.Length < 3 * width)
            throw new ArgumentException("rows too short for the width");
        for (int i = 0; i < width; i++)
        {
            int l = int.CreateTruncating(y[i]);
            int b = int.CreateTruncating(cb[i]) - center;
            int r = int.CreateTruncating(cr[i]) - center;
            int red = l + ((RCr * r + Half) >> Shift);
            int green = l + ((-GCb * b - GCr * r + Half) >> Shift);
            int blue = l + ((BCb * b + Half) >> Shift);
            rgb[3 * i] = T.CreateTruncating(Math.Clamp(red, 0, max));
            rgb[3 * i + 1] = T.CreateTruncating(Math.Clamp(green, 0, max));
            rgb[3 * i + 2] = T.CreateTruncating(Math.Clamp(blue, 0, max));
        }
    }
}
