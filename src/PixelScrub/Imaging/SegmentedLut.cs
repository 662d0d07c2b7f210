namespace PixelScrub.Imaging;

/// <summary>Expands Segmented Palette Color Lookup Table Data (PS3.3 C.7.9.2).</summary>
internal static class SegmentedLut
{
    private const int Discrete = 0;
    private const int Linear = 1;
    private const int Indirect = 2;

    /// <summary>Expands all segments of <paramref name="words"/> into <paramref name="output"/>; returns the
    /// number of entries written. Data that expands past the output throws.</summary>
    public static int Expand(ReadOnlySpan<ushort> words, Span<ushort> output)
    {
        int written = 0;
        int pos = 0;
        ExpandSegments(words, ref pos, int.MaxValue, output, ref written, allowIndirect: true);
        return written;
    }

    private static void ExpandSegments(ReadOnlySpan<ushort> words, ref int pos, int maxSegments, Span<ushort> output, ref int written, bool allowIndirect)
    {
        int segments = 0;

        // A trailing odd pad word can follow the last segment.
        while (segments < maxSegments && pos + 1 < words.Length)
        {
            int opcode = words[pos];
            int length = words[pos + 1];
            pos += 2;
            switch (opcode)
            {
                case Discrete:
                    if (pos + length > words.Length) throw Truncated();
                    for (int i = 0; i < length; i++) Put(output, ref written, words[pos + i]);
                    pos += length;
                    break;

                case Linear:
                    {
                        // C.7.9.2.2: a linear segment continues from the last value of the previous segment.
                        if (written == 0) throw new UnsupportedInputException("segmented LUT starts with a linear segment");
                        if (pos >= words.Length) throw Truncated();
                        int y0 = LastValue(output, written);
                        int y1 = words[pos++];
                        for (int i = 1; i <= length; i++)
                            Put(output, ref written, (ushort)(y0 + (int)Math.Floor((double)(y1 - y0) * i / length)));
                        break;
                    }

                case Indirect:
                    {
                        // C.7.9.2.3: copy `length` segments found at a 32-bit word offset (least significant word first).
                        if (!allowIndirect) throw new UnsupportedInputException("segmented LUT has a nested indirect segment");
                        if (written == 0) throw new UnsupportedInputException("segmented LUT starts with an indirect segment");
                        if (pos + 2 > words.Length) throw Truncated();
                        long offset = words[pos] | (long)words[pos + 1] << 16;
                        pos += 2;
                        if (offset >= words.Length) throw Truncated();
                        int inner = (int)offset;
                        ExpandSegments(words, ref inner, length, output, ref written, allowIndirect: false);
                        break;
                    }

                default:
                    throw new UnsupportedInputException($"segmented LUT has unknown segment type {opcode}");
            }

            segments++;
        }

        if (maxSegments != int.MaxValue && segments < maxSegments) throw Truncated();
    }

    private static int LastValue(Span<ushort> output, int written) => output[written - 1];

    private static void Put(Span<ushort> output, ref int written, ushort value)
    {
        // Stopping at the declared size bounds the work whatever the segments claim.
        if (written >= output.Length)
            throw new UnsupportedInputException($"segmented LUT expands past the declared {output.Length} entries");
        output[written++] = value;
    }

    private static UnsupportedInputException Truncated() => new("segmented LUT data ends inside a segment");
}
