using System.Buffers;
using System.Numerics;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.JpegLossless;

/// <summary>
/// Encodes one native frame as a JPEG lossless code stream (T.81 Annex H, process 14, SOF3): precision =
/// Bits Stored, one interleaved scan of all components, the chosen predictor, no point transform, optimal
/// Huffman tables (T.81 K.2, one per component), optional restart intervals of whole lines.
/// </summary>
internal static class JpegLosslessEncoder
{
    public static void Encode(ReadOnlySpan<byte> native, PixelLayout layout, IBufferWriter<byte> output, int predictor = 1, int restartInterval = 0)
    {
        JpegLosslessLayout.Validate(layout);
        if (predictor is < 1 or > 7) throw new ArgumentOutOfRangeException(nameof(predictor), predictor, "predictor selection value 1..7 (T.81 Table H.1)");
        if (restartInterval < 0 || restartInterval > 65535 || (restartInterval > 0 && restartInterval % layout.Columns != 0))
            throw new ArgumentOutOfRangeException(nameof(restartInterval), restartInterval, "a restart interval is a whole number of lines, at most 65535 MCUs");
        if (native.Length < layout.BytesPerFrame)
            throw new ArgumentException($"the native frame has {native.Length} bytes; the layout needs {layout.BytesPerFrame}", nameof(native));

        int width = layout.Columns;
        int height = layout.Rows;
        int components = layout.SamplesPerPixel;
        int pixels = width * height;
        int precision = layout.BitsStored;
        int total = pixels * components;
        ushort[] planes = ArrayPool<ushort>.Shared.Rent(total);
        int[] differences = ArrayPool<int>.Shared.Rent(total);
        long[] frequencies = new long[components * 256];
        try
        {
            ReadPlanes(native, layout, planes);
            int rowsPerInterval = restartInterval == 0 ? height : restartInterval / width;
            for (int c = 0; c < components; c++)
            {
                Predict(planes.AsSpan(c * pixels, pixels), differences.AsSpan(c * pixels, pixels), width, height, predictor,
                    1 << (precision - 1), rowsPerInterval, frequencies.AsSpan(c * 256, 256));
            }

            var tables = new JpegHuffmanEncodeTable[components];
            var codeTables = new uint[components][];
            for (int c = 0; c < components; c++)
            {
                tables[c] = new JpegHuffmanEncodeTable(JpegHuffmanOptimizer.Build(frequencies.AsSpan(c * 256, 256)));
                codeTables[c] = new uint[17]; // (code length << 16) | code, per category 0..16
                for (int k = 0; k <= 16; k++) codeTables[c][k] = (uint)tables[c].SizeOf(k) << 16 | (uint)tables[c].CodeOf(k);
            }

            using var writer = new JpegBitWriter(total + 1024);
            WriteHeaders(writer, layout, tables, predictor, restartInterval);
            int rst = 0;
            for (int y = 0; y < height; y++)
            {
                if (y > 0 && y % rowsPerInterval == 0)
                {
                    writer.FlushBits();
                    writer.WriteMarker((byte)(JpegMarker.Rst0 + rst));
                    rst = (rst + 1) & 7;
                }

                int rowStart = y * width;
                for (int x = 0; x < width; x++)
                {
                    for (int c = 0; c < components; c++)
                    {
                        int d = differences[c * pixels + rowStart + x];
                        var codes = codeTables[c];
                        // SSSS 16 (d = -32768) has no extra bits (H.1.2.2); otherwise F.1.2.1.1: negative
                        // differences are written as d - 1 in the low SSSS bits. Code and bits go out in one write.
                        int category = d == -32768 ? 16 : d == 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(d));
                        uint entry = codes[category];
                        int size = (int)(entry >> 16);
                        uint bits = category is 0 or 16 ? entry & 0xFFFF : (entry & 0xFFFF) << category | ((uint)(d < 0 ? d - 1 : d) & ((1u << category) - 1));
                        writer.WriteBits(bits, size + (category is 0 or 16 ? 0 : category));
                    }
                }
            }

            writer.FlushBits();
            writer.WriteMarker(JpegMarker.Eoi);
            var written = writer.WrittenSpan;
            int padded = written.Length + (written.Length & 1); // even fragments; trailing NUL (PS3.5 A.4)
            var span = output.GetSpan(padded);
            written.CopyTo(span);
            if (padded != written.Length) span[written.Length] = 0;
            output.Advance(padded);
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(planes);
            ArrayPool<int>.Shared.Return(differences);
        }
    }

    /// <summary>Native samples to one plane per component, keeping the low Bits Stored bits (PS3.5 8.1.1).</summary>
    private static void ReadPlanes(ReadOnlySpan<byte> native, PixelLayout layout, Span<ushort> planes)
    {
        int pixels = layout.Rows * layout.Columns;
        int components = layout.SamplesPerPixel;
        bool planar = layout.PlanarConfiguration == 1 && components > 1;
        int mask = (1 << layout.BitsStored) - 1;
        bool wide = layout.BitsAllocated == 16;
        if (wide && !layout.BigEndian && (components == 1 || planar))
        {
            var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(native[..(2 * pixels * components)]);
            for (int i = 0; i < samples.Length; i++) planes[i] = (ushort)(BitConverter.IsLittleEndian ? samples[i] & mask : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(samples[i]) & mask);
            return;
        }

        for (int c = 0; c < components; c++)
        {
            var plane = planes.Slice(c * pixels, pixels);
            for (int p = 0; p < pixels; p++)
            {
                int i = planar ? c * pixels + p : p * components + c;
                int v = !wide ? native[i] : layout.BigEndian ? native[2 * i] << 8 | native[2 * i + 1] : native[2 * i] | native[2 * i + 1] << 8;
                plane[p] = (ushort)(v & mask);
            }
        }
    }

    /// <summary>
    /// Differences modulo 2^16 (T.81 H.1.2.1) with the predictions a decoder makes: the initial value at the
    /// start of the scan and of each restart interval, Ra along that first line, Rb at the start of other lines.
    /// Counts the difference categories for the Huffman table.
    /// </summary>
    private static void Predict(ReadOnlySpan<ushort> plane, Span<int> differences, int width, int height, int predictor,
        int initial, int rowsPerInterval, Span<long> frequencies)
    {
        for (int y = 0; y < height; y++)
        {
            bool firstRow = y % rowsPerInterval == 0;
            int rowStart = y * width;
            for (int x = 0; x < width; x++)
            {
                int at = rowStart + x;
                int prediction = firstRow
                    ? (x == 0 ? initial : plane[at - 1])
                    : x == 0 ? plane[at - width] : JpegLosslessPredictor.Predict(predictor, plane[at - 1], plane[at - width], plane[at - width - 1]);
                int d = (plane[at] - prediction) & 0xFFFF;
                if (d >= 0x8000) d -= 0x10000;
                differences[at] = d;
                int category = d == -32768 ? 16 : d == 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(d));
                frequencies[category]++;
            }
        }
    }

    private static void WriteHeaders(JpegBitWriter writer, PixelLayout layout, JpegHuffmanEncodeTable[] tables, int predictor, int restartInterval)
    {
        int components = layout.SamplesPerPixel;
        writer.WriteMarker(JpegMarker.Soi);

        // SOF3 (T.81 B.2.2): P, Y, X, Nf, then Ci, Hi/Vi = 1/1, Tqi = 0 per component.
        writer.WriteMarker(JpegMarker.Sof3);
        writer.WriteUInt16(8 + 3 * components);
        writer.WriteByte(layout.BitsStored);
        writer.WriteUInt16(layout.Rows);
        writer.WriteUInt16(layout.Columns);
        writer.WriteByte(components);
        for (int c = 0; c < components; c++)
        {
            writer.WriteByte(c + 1);
            writer.WriteByte(0x11);
            writer.WriteByte(0);
        }

        // DHT (T.81 B.2.4.2): one class-0 table per component, in slots 0..3.
        for (int c = 0; c < components; c++)
        {
            var spec = tables[c].Spec;
            writer.WriteMarker(JpegMarker.Dht);
            writer.WriteUInt16(2 + 1 + 16 + spec.Values.Length);
            writer.WriteByte(c);
            writer.WriteBytes(spec.Counts);
            writer.WriteBytes(spec.Values);
        }

        if (restartInterval > 0)
        {
            writer.WriteMarker(JpegMarker.Dri);
            writer.WriteUInt16(4);
            writer.WriteUInt16(restartInterval);
        }

        // SOS (T.81 B.2.3, H.2.3): all components, Ss = predictor, Se = 0, Ah = Al = 0.
        writer.WriteMarker(JpegMarker.Sos);
        writer.WriteUInt16(6 + 2 * components);
        writer.WriteByte(components);
        for (int c = 0; c < components; c++)
        {
            writer.WriteByte(c + 1);
            writer.WriteByte(c << 4);
        }

        writer.WriteByte(predictor);
        writer.WriteByte(0);
        writer.WriteByte(0);
    }
}
