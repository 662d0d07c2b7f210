using System.Runtime.InteropServices;

namespace PixelScrub.Cleaning;

/// <summary>Bulk writers used by the cleaners: a repeating byte pattern, and a range of bits.</summary>
internal static class PatternFill
{
    /// <summary>
    /// Fills <paramref name="dest"/> with <paramref name="pattern"/> repeated; dest's length is a multiple of the
    /// pattern's. Power-of-two patterns use the vectorised Span.Fill over a wider element; others double the
    /// filled prefix with block copies (log2(n) memmoves).
    /// </summary>
    public static void Repeat(Span<byte> dest, ReadOnlySpan<byte> pattern)
    {
        if (dest.IsEmpty) return;
        switch (pattern.Length)
        {
            case 1:
                dest.Fill(pattern[0]);
                return;
            case 2:
                MemoryMarshal.Cast<byte, ushort>(dest).Fill(MemoryMarshal.Read<ushort>(pattern));
                return;
            case 4:
                MemoryMarshal.Cast<byte, uint>(dest).Fill(MemoryMarshal.Read<uint>(pattern));
                return;
            case 8:
                MemoryMarshal.Cast<byte, ulong>(dest).Fill(MemoryMarshal.Read<ulong>(pattern));
                return;
        }

        pattern.CopyTo(dest);
        int filled = pattern.Length;
        while (filled < dest.Length)
        {
            int n = Math.Min(filled, dest.Length - filled);
            dest[..n].CopyTo(dest[filled..]);
            filled += n;
        }
    }

    /// <summary>Sets bits [start, start+count) to <paramref name="value"/>; bit k is bit (k mod 8) of byte k/8 (LSB first).</summary>
    public static void SetBits(Span<byte> data, long start, long count, bool value)
    {
        if (count <= 0) return;
        long end = start + count;
        int b0 = (int)(start >> 3);
        int b1 = (int)(end >> 3);
        int s = (int)(start & 7);
        int e = (int)(end & 7);
        if (b0 == b1)
        {
            Apply(ref data[b0], (byte)(((1 << e) - 1) & ~((1 << s) - 1)), value);
            return;
        }

        Apply(ref data[b0], (byte)(0xFF << s), value);
        data.Slice(b0 + 1, b1 - b0 - 1).Fill(value ? (byte)0xFF : (byte)0);
        if (e != 0) Apply(ref data[b1], (byte)((1 << e) - 1), value);
    }

    private static void Apply(ref byte target, byte mask, bool value)
    {
        target = value ? (byte)(target | mask) : (byte)(target & ~mask);
    }
}
