using PixelScrub.Pixels;

namespace PixelScrub.Tests.Cleaning;

/// <summary>
/// An independent reader of native frames for the tests, written from PS3.5 8.1/8.2 and PS3.3 C.7.6.3
/// without using the cleaner's code: where sample s of pixel (x,y) lives, and what its stored word means.
/// </summary>
internal static class ReferencePixels
{
    public static int BytesPerSample(PixelLayout l) => l.BitsAllocated / 8;

    public static bool Is422(PixelLayout l) => l.Photometric == "YBR_FULL_422";

    public static int FrameBytes(PixelLayout l) =>
        l.Rows * l.Columns * (Is422(l) ? 2 : l.SamplesPerPixel) * BytesPerSample(l);

    /// <summary>Byte offset of sample s of pixel (x,y) in the frame.</summary>
    public static int Offset(PixelLayout l, int x, int y, int s)
    {
        int b = BytesPerSample(l);
        if (Is422(l))
        {
            // Y1 Y2 Cb Cr per pair of pixels.
            int pairBase = (y * (l.Columns / 2) + x / 2) * 4 * b;
            return s == 0 ? pairBase + (x & 1) * b : pairBase + (s + 1) * b;
        }

        if (l.SamplesPerPixel == 3 && l.PlanarConfiguration == 1)
        {
            return s * l.Rows * l.Columns * b + (y * l.Columns + x) * b;
        }

        return ((y * l.Columns + x) * l.SamplesPerPixel + s) * b;
    }

    public static ulong ReadWord(ReadOnlySpan<byte> frame, PixelLayout l, int x, int y, int s)
    {
        int b = BytesPerSample(l);
        int o = Offset(l, x, y, s);
        ulong w = 0;
        for (int i = 0; i < b; i++)
        {
            int src = l.BigEndian ? o + i : o + b - 1 - i;
            w = (w << 8) | frame[src];
        }

        return w;
    }

    /// <summary>The value in bits [HighBit-BitsStored+1, HighBit], two's complement when signed.</summary>
    public static long Decode(ulong word, PixelLayout l)
    {
        int hb = l.HighBit >= 0 ? l.HighBit : l.BitsStored - 1;
        int low = hb - l.BitsStored + 1;
        ulong v = (word >> low) & ((1UL << l.BitsStored) - 1);
        long value = (long)v;
        if (l.IsSigned && (v >> (l.BitsStored - 1)) != 0) value -= 1L << l.BitsStored;
        return value;
    }

    /// <summary>True when the bits outside [low, HighBit] are the sign extension above and zero below.</summary>
    public static bool PaddingIsClean(ulong word, PixelLayout l)
    {
        int hb = l.HighBit >= 0 ? l.HighBit : l.BitsStored - 1;
        int low = hb - l.BitsStored + 1;
        if ((word & ((1UL << low) - 1)) != 0) return false;
        int above = l.BitsAllocated - hb - 1;
        if (above == 0) return true;
        ulong top = (word >> (hb + 1)) & ((1UL << above) - 1);
        bool negative = l.IsSigned && Decode(word, l) < 0;
        return top == (negative ? (1UL << above) - 1 : 0);
    }
}
