using System.Buffers;
using System.Buffers.Binary;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Rle;

/// <summary>
/// Encodes one native frame as RLE Lossless (PS3.5 Annex G): one segment per sample byte, most significant
/// byte first; each row PackBits-coded on its own (G.3.2); every segment padded to an even length (G.3.1).
/// A 1-bit frame (native: packed, least significant bit first) is written as one segment of one byte per pixel,
/// 0 or 1 (<see cref="RleLossless.BytesPerSample"/>).
/// </summary>
internal static class RleEncoder
{
    public static void Encode(ReadOnlySpan<byte> nativeFrame, PixelLayout layout, IBufferWriter<byte> output)
    {
        RleLayout.Validate(layout);
        bool oneBit = layout.BitsAllocated == 1;
        int bytesPerSample = RleLossless.BytesPerSample(layout);
        int samples = layout.SamplesPerPixel;
        int rows = layout.Rows;
        int columns = layout.Columns;
        int pixels = rows * columns;
        if (nativeFrame.Length < layout.BytesPerFrame)
            throw new ArgumentException($"the native frame has {nativeFrame.Length} bytes; the layout needs {layout.BytesPerFrame}", nameof(nativeFrame));

        int segments = RleLossless.SegmentCount(layout);
        // Worst case per row: all literal, one header byte per 128 bytes; plus one pad byte per segment.
        long perSegment = (long)pixels + (long)rows * ((columns + 127) / 128) + 1;
        long bound = RleLossless.HeaderLength + perSegment * segments;
        if (bound > Array.MaxLength)
            throw new UnsupportedInputException($"a frame of {rows} x {columns} pixels is too large to RLE-encode");

        byte[] scratch = ArrayPool<byte>.Shared.Rent((int)bound);
        byte[] row = ArrayPool<byte>.Shared.Rent(columns);
        try
        {
            var buffer = scratch.AsSpan(0, (int)bound);
            buffer[..RleLossless.HeaderLength].Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)segments);
            bool planar = layout.PlanarConfiguration == 1 && samples > 1;
            int pixelStride = planar ? bytesPerSample : samples * bytesPerSample;
            int position = RleLossless.HeaderLength;
            var rowBytes = row.AsSpan(0, columns);
            for (int segment = 0; segment < segments; segment++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(buffer[(4 + 4 * segment)..], (uint)position);
                int sample = segment / bytesPerSample;
                int significance = bytesPerSample - 1 - segment % bytesPerSample; // 0 = least significant byte
                int byteInSample = layout.BigEndian ? bytesPerSample - 1 - significance : significance;
                int start = planar ? sample * pixels * bytesPerSample + byteInSample : sample * bytesPerSample + byteInSample;
                int segmentStart = position;
                for (int y = 0; y < rows; y++)
                {
                    int from = start + y * columns * pixelStride;
                    if (oneBit)
                    {
                        long bit = (long)y * columns;
                        for (int x = 0; x < columns; x++, bit++) rowBytes[x] = (byte)PackedBits.Get(nativeFrame, bit);
                    }
                    else if (pixelStride == 1)
                    {
                        nativeFrame.Slice(from, columns).CopyTo(rowBytes);
                    }
                    else
                    {
                        for (int x = 0; x < columns; x++) rowBytes[x] = nativeFrame[from + x * pixelStride];
                    }

                    position += PackBits(rowBytes, buffer[position..]);
                }

                if (((position - segmentStart) & 1) != 0) buffer[position++] = 0;
            }

            buffer[..position].CopyTo(output.GetSpan(position));
            output.Advance(position);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(row);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// PackBits (G.3.1) of one row: runs of three or more equal bytes (two when no literal is pending) become
    /// replicate runs, everything else literal runs of up to 128 bytes. Returns the bytes written.
    /// </summary>
    internal static int PackBits(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = 0;
        int literalStart = 0;
        int i = 0;
        int n = source.Length;
        while (i < n)
        {
            byte value = source[i];
            int run = 1;
            while (i + run < n && run < 128 && source[i + run] == value) run++;
            if (run >= 3 || (run == 2 && literalStart == i))
            {
                written += FlushLiteral(source[literalStart..i], destination[written..]);
                destination[written++] = (byte)(sbyte)(1 - run);
                destination[written++] = value;
                i += run;
                literalStart = i;
            }
            else
            {
                i += run;
            }
        }

        written += FlushLiteral(source[literalStart..n], destination[written..]);
        return written;
    }

    private static int FlushLiteral(ReadOnlySpan<byte> literal, Span<byte> destination)
    {
        int written = 0;
        while (literal.Length > 0)
        {
            int length = Math.Min(literal.Length, 128);
            destination[written++] = (byte)(length - 1);
            literal[..length].CopyTo(destination[written..]);
            written += length;
            literal = literal[length..];
        }

        return written;
    }
}
