using System.Buffers;
using System.Buffers.Binary;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Rle;

/// <summary>
/// Decodes one RLE Lossless frame (PS3.5 Annex G) into native little endian pixel data in the layout's
/// Planar Configuration. Strict: the header must match the layout, every segment must lie inside the frame
/// and decode to exactly Rows x Columns bytes. 1-bit frames (one segment of one byte per pixel, see
/// <see cref="RleLossless.BytesPerSample"/>) come out packed, eight pixels per byte, least significant bit first.
/// </summary>
internal static class RleDecoder
{
    public static void Decode(ReadOnlySpan<byte> frame, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        RleLayout.Validate(layout);
        if (layout.BitsAllocated == 1)
        {
            DecodeOneBit(frame, layout, destination, frameIndex);
            return;
        }

        DecodeSegments(frame, layout, destination, frameIndex, oneBit: false);
    }

    /// <summary>Decodes every segment of <paramref name="frame"/> into native little endian samples of <paramref name="layout"/>.</summary>
    private static void DecodeSegments(ReadOnlySpan<byte> frame, PixelLayout layout, Span<byte> destination, int frameIndex, bool oneBit)
    {
        int bytesPerSample = RleLossless.BytesPerSample(layout);
        int samples = layout.SamplesPerPixel;
        int pixels = checked(layout.Rows * layout.Columns);
        long frameBytes = layout.BytesPerFrame;
        if (destination.Length < frameBytes)
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {frameBytes}", nameof(destination));

        if (frame.Length < RleLossless.HeaderLength)
            throw Error(frameIndex, $"the frame has {frame.Length} bytes, less than the 64-byte RLE header", 0);

        int expectedSegments = RleLossless.SegmentCount(layout);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        // G.5: the header holds the number of segments, then 15 offsets; unused offsets are zero.
        if (count != expectedSegments)
            throw Error(frameIndex, $"the RLE header declares {count} segments; {samples} sample(s) of {(oneBit ? 1 : layout.BitsAllocated)} bits need {expectedSegments}", 0);

        Span<int> offsets = stackalloc int[RleLossless.MaxSegments + 1];
        for (int i = 0; i < expectedSegments; i++)
        {
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(4 + 4 * i));
            int at = 4 + 4 * i;
            // G.5: the first segment follows the header directly; segments are in order and inside the frame.
            if (i == 0 && offset != RleLossless.HeaderLength)
                throw Error(frameIndex, $"segment 1 starts at offset {offset}; the first segment must start at 64", at);
            if (offset > (uint)frame.Length)
                throw Error(frameIndex, $"segment {i + 1} starts at offset {offset}, past the end of the {frame.Length}-byte frame", at);
            if (i > 0 && offset < (uint)offsets[i - 1])
                throw Error(frameIndex, $"segment {i + 1} starts at offset {offset}, before segment {i} (offset {offsets[i - 1]})", at);
            offsets[i] = (int)offset;
        }

        offsets[expectedSegments] = frame.Length;

        bool planar = layout.PlanarConfiguration == 1 && samples > 1;
        int pixelStride = planar ? bytesPerSample : samples * bytesPerSample;
        for (int segment = 0; segment < expectedSegments; segment++)
        {
            // G.2: segments run sample by sample, and within a sample from the most significant byte down.
            int sample = segment / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - segment % bytesPerSample; // little endian position
            int start = planar ? sample * pixels * bytesPerSample + byteInSample : sample * bytesPerSample + byteInSample;
            var source = frame[offsets[segment]..offsets[segment + 1]];
            int status = DecodeSegment(source, destination[start..], pixels, pixelStride, out int consumed, out int produced);
            if (status != 0)
            {
                string reason = status < 0
                    ? $"segment {segment + 1} ends after {produced} decoded bytes; it must decode to {pixels} (Rows x Columns)"
                    : $"segment {segment + 1} decodes to more than {pixels} bytes (Rows x Columns)";
                if (oneBit && status < 0 && produced == (pixels + 7) / 8)
                    reason += " (it holds packed bits, eight pixels a byte; a 1-bit RLE segment has one byte per pixel, PS3.5 G.2)";
                throw Error(frameIndex, reason, offsets[segment] + consumed);
            }

            // Past the decoded bytes only even-length padding may follow (G.3.1).
            int trailing = source.Length - consumed;
            if (trailing > 1)
                throw Error(frameIndex, $"segment {segment + 1} has {trailing} bytes after its {pixels} decoded bytes", offsets[segment] + consumed);
        }
    }

    /// <summary>
    /// A 1-bit frame: its one segment decodes to one byte per pixel (0 or 1), packed here into
    /// <paramref name="destination"/> as native 1-bit data (PS3.5 8.1.1: the first pixel in the least significant bit).
    /// </summary>
    private static void DecodeOneBit(ReadOnlySpan<byte> frame, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        int pixels = checked(layout.Rows * layout.Columns);
        int packedBytes = (int)layout.BytesPerFrame;
        if (destination.Length < packedBytes)
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {packedBytes}", nameof(destination));
        byte[] unpacked = ArrayPool<byte>.Shared.Rent(pixels);
        try
        {
            var bytes = unpacked.AsSpan(0, pixels);
            DecodeSegments(frame, layout with { BitsAllocated = 8, BitsStored = 8, HighBit = 7 }, bytes, frameIndex, oneBit: true);
            int bad = bytes.IndexOfAnyExcept((byte)0, (byte)1);
            if (bad >= 0)
            {
                // G.2: the padding bits of a Padded Composite Pixel Code are zero, so a 1-bit pixel's byte is 0 or 1.
                throw Error(frameIndex, $"pixel {bad} (row {bad / layout.Columns}, column {bad % layout.Columns}) of the 1-bit segment is {bytes[bad]}; " +
                    "a 1-bit pixel is coded as one byte, 0 or 1", RleLossless.HeaderLength);
            }

            var packed = destination[..packedBytes];
            packed.Clear();
            for (int p = 0; p < pixels; p++) PackedBits.Set(packed, p, bytes[p]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(unpacked);
        }
    }

    /// <summary>
    /// PackBits decode (G.3.1) of one segment into every <paramref name="stride"/>-th byte of
    /// <paramref name="output"/>. Returns 0 when exactly <paramref name="count"/> bytes were produced, -1 when the
    /// data ran out first, 1 when a run would write past the end. <paramref name="consumed"/> is the input
    /// position reached (the start of the failing run on error).
    /// </summary>
    private static int DecodeSegment(ReadOnlySpan<byte> input, Span<byte> output, int count, int stride, out int consumed, out int produced)
    {
        int inPos = 0;
        produced = 0;
        if (stride == 1)
        {
            var dest = output[..count];
            while (produced < count)
            {
                if (inPos >= input.Length) { consumed = inPos; return -1; }
                int n = (sbyte)input[inPos];
                if (n >= 0)
                {
                    int length = n + 1;
                    if (inPos + 1 + length > input.Length) { consumed = inPos; return -1; }
                    if (produced + length > count) { consumed = inPos; return 1; }
                    input.Slice(inPos + 1, length).CopyTo(dest.Slice(produced, length));
                    inPos += 1 + length;
                    produced += length;
                }
                else if (n != -128)
                {
                    int length = 1 - n;
                    if (inPos + 1 >= input.Length) { consumed = inPos; return -1; }
                    if (produced + length > count) { consumed = inPos; return 1; }
                    dest.Slice(produced, length).Fill(input[inPos + 1]);
                    inPos += 2;
                    produced += length;
                }
                else
                {
                    inPos++; // -128: no operation
                }
            }
        }
        else
        {
            int outPos = 0;
            while (produced < count)
            {
                if (inPos >= input.Length) { consumed = inPos; return -1; }
                int n = (sbyte)input[inPos];
                if (n >= 0)
                {
                    int length = n + 1;
                    if (inPos + 1 + length > input.Length) { consumed = inPos; return -1; }
                    if (produced + length > count) { consumed = inPos; return 1; }
                    var literal = input.Slice(inPos + 1, length);
                    for (int i = 0; i < literal.Length; i++, outPos += stride) output[outPos] = literal[i];
                    inPos += 1 + length;
                    produced += length;
                }
                else if (n != -128)
                {
                    int length = 1 - n;
                    if (inPos + 1 >= input.Length) { consumed = inPos; return -1; }
                    if (produced + length > count) { consumed = inPos; return 1; }
                    byte value = input[inPos + 1];
                    for (int i = 0; i < length; i++, outPos += stride) output[outPos] = value;
                    inPos += 2;
                    produced += length;
                }
                else
                {
                    inPos++;
                }
            }
        }

        consumed = inPos;
        return 0;
    }

    private static DicomFormatException Error(int frameIndex, string reason, long offset) =>
        new($"RLE Lossless frame {frameIndex}: {reason}; offset is within the frame", offset, RleLossless.PixelDataTag);
}
