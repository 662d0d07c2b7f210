using PixelScrub.Codecs.Jpeg;

namespace PixelScrub.Codecs.JpegLossless;

/// <summary>Decodes the entropy-coded data of one lossless scan (T.81 H.1.2, H.2) into the component planes.</summary>
internal static class JpegLosslessScanDecoder
{
    /// <summary>Decodes the scan and returns the offset of the marker that ends it.</summary>
    public static int Decode(ReadOnlySpan<byte> data, JpegHeaderState state, JpegFrame frame, JpegScan scan, Span<ushort> planes, int pixels)
    {
        int predictor = scan.Ss;
        int pointTransform = scan.Al;
        int precision = frame.Precision;
        // T.81 H.2.3 / Table H.1: Ss selects predictor 1..7 (0 only in hierarchical mode), Se = 0, Ah = 0, Al < P.
        if (predictor is < 1 or > 7) JpegThrow.Format($"lossless scan with predictor selection value {predictor} (1..7 allowed)", scan.MarkerOffset);
        if (scan.Se != 0 || scan.Ah != 0) JpegThrow.Format($"lossless scan with Se={scan.Se}, Ah={scan.Ah} (both must be 0)", scan.MarkerOffset);
        if (pointTransform >= precision) JpegThrow.Format($"point transform {pointTransform} is not less than the precision {precision}", scan.MarkerOffset);

        int ns = scan.Components.Length;
        var tables = new JpegHuffmanDecodeTable[ns];
        Span<int> planeStart = stackalloc int[4];
        for (int i = 0; i < ns; i++)
        {
            tables[i] = state.DcTables[scan.DcTables[i]]
                ?? JpegThrow.Format<JpegHuffmanDecodeTable>($"scan uses Huffman table {scan.DcTables[i]}, which is not defined", scan.MarkerOffset);
            planeStart[i] = scan.Components[i].Index * pixels;
        }

        int width = frame.Width;
        int height = frame.Height;
        int restartInterval = state.RestartInterval;
        // Each MCU is one sample of every scan component (all sampling factors are 1). Restart intervals that
        // end inside a line would make "the first line after a restart" (H.1.2.1) ambiguous; refuse them.
        if (restartInterval > 0 && restartInterval % width != 0)
            JpegThrow.Unsupported($"a lossless restart interval of {restartInterval} MCUs that is not a whole number of {width}-sample lines is not supported");

        int initial = 1 << (precision - pointTransform - 1); // H.1.2.1: prediction at the start of a scan or interval
        int valueMask = (1 << (precision - pointTransform)) - 1;
        var reader = new JpegBitReader(data, (int)scan.DataOffset);
        int mcusLeft = restartInterval;
        int expectedRestart = 0;
        int firstRow = 0;
        for (int y = 0; y < height; y++)
        {
            if (restartInterval > 0 && mcusLeft == 0)
            {
                reader = Restart(data, ref reader, expectedRestart);
                expectedRestart = (expectedRestart + 1) & 7;
                mcusLeft = restartInterval;
                firstRow = y;
            }

            int rowStart = y * width;
            if (ns == 1) DecodeRow(ref reader, tables[0], planes.Slice(planeStart[0], pixels), rowStart, width, y == firstRow, predictor, initial, valueMask);
            else DecodeInterleavedRow(ref reader, tables, planes, planeStart, pixels, ns, rowStart, width, y == firstRow, predictor, initial, valueMask);
            if (restartInterval > 0) mcusLeft -= width;
        }

        // The scan's data must end exactly here: only the pad bits of the last byte remain (T.81 F.1.2.3).
        if (!reader.AtSegmentEnd())
            JpegThrow.Format(reader.Overrun ? "lossless scan data ends early (truncated)" : "lossless scan holds more data than its samples need", reader.ApproximateByteOffset);

        // Output samples are the reconstructed values shifted back by the point transform (T.81 H.1.2.1).
        if (pointTransform > 0)
        {
            for (int i = 0; i < ns; i++)
            {
                var plane = planes.Slice(planeStart[i], pixels);
                for (int p = 0; p < plane.Length; p++) plane[p] = (ushort)(plane[p] << pointTransform);
            }
        }

        return reader.BytePosition;
    }

    private static JpegBitReader Restart(ReadOnlySpan<byte> data, scoped ref JpegBitReader reader, int expected)
    {
        if (!reader.AtSegmentEnd())
            JpegThrow.Format(reader.Overrun ? "restart interval data ends early (truncated)" : "restart interval holds more data than its samples need", reader.ApproximateByteOffset);
        var markers = new JpegMarkerReader(data, reader.BytePosition);
        var segment = markers.Read();
        // T.81 B.2.1: restart markers count RST0..RST7 modulo 8.
        if (segment.Marker != JpegMarker.Rst0 + expected)
            JpegThrow.Format($"expected RST{expected}, found marker 0xFF{segment.Marker:X2}", segment.Offset);
        return new JpegBitReader(data, markers.Position);
    }

    private static void DecodeRow(ref JpegBitReader reader, JpegHuffmanDecodeTable table, Span<ushort> plane, int rowStart, int width,
        bool firstRow, int predictor, int initial, int valueMask)
    {
        var row = plane.Slice(rowStart, width);
        var above = firstRow ? default : plane.Slice(rowStart - width, width);
        for (int x = 0; x < width; x++)
        {
            int prediction = firstRow
                ? (x == 0 ? initial : row[x - 1])
                : x == 0 ? above[0] : JpegLosslessPredictor.Predict(predictor, row[x - 1], above[x], above[x - 1]);
            row[x] = (ushort)Reconstruct(ref reader, table, prediction, valueMask);
        }
    }

    private static void DecodeInterleavedRow(ref JpegBitReader reader, JpegHuffmanDecodeTable[] tables, Span<ushort> planes,
        scoped ReadOnlySpan<int> planeStart, int pixels, int ns, int rowStart, int width, bool firstRow, int predictor, int initial, int valueMask)
    {
        for (int x = 0; x < width; x++)
        {
            for (int i = 0; i < ns; i++)
            {
                var plane = planes.Slice(planeStart[i], pixels);
                int at = rowStart + x;
                int prediction = firstRow
                    ? (x == 0 ? initial : plane[at - 1])
                    : x == 0 ? plane[at - width] : JpegLosslessPredictor.Predict(predictor, plane[at - 1], plane[at - width], plane[at - width - 1]);
                plane[at] = (ushort)Reconstruct(ref reader, tables[i], prediction, valueMask);
            }
        }
    }

    /// <summary>Decodes one difference (T.81 H.1.2.2, Table H.2) and adds it to the prediction modulo 2^16.</summary>
    private static int Reconstruct(ref JpegBitReader reader, JpegHuffmanDecodeTable table, int prediction, int valueMask)
    {
        int category = table.Decode(ref reader);
        if (category < 0) JpegThrow.Format("entropy data holds a code that is not in the lossless Huffman table", reader.ApproximateByteOffset);
        int difference;
        if (category <= 15) difference = reader.ReceiveExtend(category);
        else if (category == 16) difference = 32768; // SSSS 16: no extra bits (H.1.2.2)
        else
        {
            JpegThrow.Format($"lossless difference category {category} (at most 16)", reader.ApproximateByteOffset);
            return 0;
        }

        int value = (prediction + difference) & 0xFFFF;
        // A valid stream reconstructs values of P - Pt bits; anything else is corrupt data.
        if (value > valueMask)
        {
            if (reader.Overrun) JpegThrow.Format("lossless scan data ends early (truncated)", reader.ApproximateByteOffset);
            JpegThrow.Format($"reconstructed sample {value} does not fit the precision less the point transform", reader.ApproximateByteOffset);
        }

        return value;
    }
}
