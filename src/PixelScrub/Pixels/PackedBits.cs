namespace PixelScrub.Pixels;

/// <summary>
/// Native 1-bit Pixel Data (Bits Allocated 1, PS3.5 8.1.1): eight pixels per byte, the first pixel in the least
/// significant bit; frames follow each other without padding, so a frame may start mid-byte.
/// </summary>
internal static class PackedBits
{
    /// <summary>Pixel <paramref name="index"/> (0 or 1).</summary>
    public static int Get(ReadOnlySpan<byte> bits, long index) => (bits[(int)(index >> 3)] >> (int)(index & 7)) & 1;

    /// <summary>Sets pixel <paramref name="index"/> when <paramref name="value"/>'s low bit is 1 (the byte is expected cleared).</summary>
    public static void Set(Span<byte> bits, long index, int value) => bits[(int)(index >> 3)] |= (byte)((value & 1) << (int)(index & 7));

    /// <summary>
    /// Copies <paramref name="count"/> pixels starting at pixel <paramref name="first"/> of <paramref name="source"/> into
    /// <paramref name="destination"/> from its pixel 0, which is cleared first; a byte-aligned start is a plain copy.
    /// </summary>
    public static void Extract(ReadOnlySpan<byte> source, long first, long count, Span<byte> destination)
    {
        destination.Clear();
        if ((first & 7) == 0)
        {
            int bytes = (int)((count + 7) >> 3);
            source.Slice((int)(first >> 3), bytes).CopyTo(destination);
            int tail = (int)(count & 7);
            if (tail != 0) destination[bytes - 1] &= (byte)((1 << tail) - 1);
            return;
        }

        for (long i = 0; i < count; i++) Set(destination, i, Get(source, first + i));
    }
}
