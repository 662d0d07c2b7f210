namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Decodes a sequential-DCT code stream (SOF0 baseline, SOF1 extended; 8- or 12-bit; 1..4 components; any
/// sampling; interleaved or not; restart intervals; DNL) to quantized coefficients, T.81 Annex F.2. Strict:
/// corrupt or truncated data throws <see cref="JpegFormatException"/> with the byte offset; progressive,
/// arithmetic, hierarchical and lossless streams throw <see cref="UnsupportedInputException"/>.
/// </summary>
internal static class JpegCoefficientDecoder
{
    public static JpegCoefficients Decode(ReadOnlySpan<byte> data)
    {
        var state = new JpegHeaderState();
        var markers = new JpegMarkerReader(data);
        var first = markers.Read();
        if (first.Marker != JpegMarker.Soi) JpegThrow.Format("code stream does not start with SOI", 0);

        short[][]? blocks = null;
        bool[]? coded = null;
        while (true)
        {
            var seg = markers.Read();
            if (state.Apply(seg, data))
            {
                if (state.Frame is { } f && f.IsLossless)
                {
                    JpegThrow.Unsupported("JPEG lossless (SOF3) frames are not DCT-coded; use the JPEG Lossless codec");
                }

                continue;
            }

            switch (seg.Marker)
            {
                case JpegMarker.Sos:
                {
                    var scan = state.ReadScan(seg, data);
                    var frame = state.Frame!;
                    CheckSequential(scan, seg.Offset);
                    if (frame.Height == 0) ReadDnlAhead(state, scan, data);
                    if (blocks is null)
                    {
                        blocks = Allocate(frame, data.Length);
                        coded = new bool[frame.Components.Length];
                    }

                    foreach (var c in scan.Components)
                    {
                        if (coded![c.Index]) JpegThrow.Format($"component {c.Id} is coded in two scans of a sequential frame", seg.Offset);
                        coded[c.Index] = true;
                    }

                    markers.Position = DecodeScan(data, state, scan, blocks);
                    break;
                }

                case JpegMarker.Dnl:
                    state.ReadDnl(seg, data);
                    break;
                case JpegMarker.Eoi:
                {
                    var frame = state.Frame ?? JpegThrow.Format<JpegFrame>("EOI before any frame", seg.Offset);
                    if (blocks is null) JpegThrow.Format("EOI before any scan", seg.Offset);
                    for (int i = 0; i < coded!.Length; i++)
                    {
                        if (!coded[i]) JpegThrow.Format($"component {frame.Components[i].Id} is never coded", seg.Offset);
                    }

                    foreach (var c in frame.Components)
                    {
                        if (state.QuantTables[c.QuantTable] is null) JpegThrow.Format($"quantization table {c.QuantTable} is never defined", seg.Offset);
                    }

                    return new JpegCoefficients(frame, (ushort[]?[])state.QuantTables.Clone(), blocks, state.RestartInterval,
                        state.HasJfif, state.AdobeTransform);
                }

                case JpegMarker.Soi:
                    JpegThrow.Format("SOI inside the code stream", seg.Offset);
                    break;
                default:
                    JpegThrow.Format($"marker 0xFF{seg.Marker:X2} outside entropy-coded data", seg.Offset);
                    break;
            }
        }
    }

    /// <summary>
    /// T.81 B.2.3 asks a sequential DCT scan for Ss = 0, Se = 63, Ah = Al = 0, but these fields do not
    /// change how sequential data is coded, and real encoders write other values (the corpus JPEG-lossy.dcm
    /// has Se = 0; libjpeg and dcmtk decode it with a warning). We accept them and code all 64 coefficients.
    /// Only a successive-approximation value, which would mean a progressive stream mislabelled, is refused.
    /// </summary>
    internal static void CheckSequential(JpegScan scan, long offset)
    {
        if (scan.Ah != 0) JpegThrow.Format($"sequential DCT scan with successive approximation Ah={scan.Ah}", offset);
    }

    /// <summary>
    /// For a frame that gave 0 lines: finds the DNL segment after the first scan's entropy data (T.81 B.2.5)
    /// so the block grid is known before decoding.
    /// </summary>
    internal static void ReadDnlAhead(JpegHeaderState state, JpegScan scan, ReadOnlySpan<byte> data)
    {
        var ahead = new JpegMarkerReader(data, (int)scan.DataOffset);
        if (!ahead.SkipEntropyData()) JpegThrow.Format("code stream ends inside the first scan", data.Length);
        var dnl = ahead.Read();
        if (dnl.Marker != JpegMarker.Dnl) JpegThrow.Format("frame header gives 0 lines but no DNL follows the first scan", dnl.Offset);
        state.ReadDnl(dnl, data);
    }

    /// <summary>
    /// Each coded block takes at least 2 bits (a DC code and an EOB), so a frame cannot declare many more
    /// blocks than its bytes can hold; checked before anything is allocated for the block grid (padding
    /// blocks of interleaved MCUs give the slack).
    /// </summary>
    internal static void CheckFrameFitsData(JpegFrame frame, int dataLength)
    {
        long total = 0;
        foreach (var c in frame.Components) total += (long)c.BlocksPerLine * c.BlocksPerColumn;
        if (total > 16L * dataLength + 4096 || total * 64 > Array.MaxLength)
        {
            JpegThrow.Format($"frame of {frame.Width}x{frame.Height} is too large for {dataLength} bytes of data", frame.Offset);
        }
    }

    private static short[][] Allocate(JpegFrame frame, int dataLength)
    {
        CheckFrameFitsData(frame, dataLength);
        var blocks = new short[frame.Components.Length][];
        for (int i = 0; i < blocks.Length; i++)
        {
            var c = frame.Components[i];
            blocks[i] = new short[c.BlocksPerLine * c.BlocksPerColumn * 64];
        }

        return blocks;
    }

    /// <summary>Decodes one scan; returns the offset of the marker that ends it.</summary>
    private static int DecodeScan(ReadOnlySpan<byte> data, JpegHeaderState state, JpegScan scan, short[][] blocks)
    {
        var frame = state.Frame!;
        int n = scan.Components.Length;
        var dcTables = new JpegHuffmanDecodeTable[n];
        var acTables = new JpegHuffmanDecodeTable[n];
        for (int i = 0; i < n; i++)
        {
            dcTables[i] = state.DcTables[scan.DcTables[i]] ?? JpegThrow.Format<JpegHuffmanDecodeTable>($"scan uses DC Huffman table {scan.DcTables[i]}, which is not defined", scan.MarkerOffset);
            acTables[i] = state.AcTables[scan.AcTables[i]] ?? JpegThrow.Format<JpegHuffmanDecodeTable>($"scan uses AC Huffman table {scan.AcTables[i]}, which is not defined", scan.MarkerOffset);
        }

        var layout = new JpegScanLayout(frame, scan);
        int restart = state.RestartInterval;
        int precision = frame.Precision;
        Span<int> predictors = stackalloc int[4];
        predictors.Clear();
        var reader = new JpegBitReader(data, (int)scan.DataOffset);
        int expectedRst = 0;
        for (int m = 0; m < layout.McuCount; m++)
        {
            if (restart > 0 && m > 0 && m % restart == 0)
            {
                if (!reader.AtSegmentEnd()) ThrowSegmentEnd(ref reader);
                reader = new JpegBitReader(data, ReadRestartMarker(data, reader.BytePosition, ref expectedRst));
                predictors.Clear();
            }

            for (int u = 0; u < layout.BlocksPerMcu; u++)
            {
                layout.Locate(m, u, out int ci, out int bx, out int by);
                var comp = scan.Components[ci];
                var block = blocks[comp.Index].AsSpan((by * comp.BlocksPerLine + bx) * 64, 64);
                var status = JpegBlockCoder.Decode(ref reader, block, ref predictors[ci], dcTables[ci], acTables[ci], precision);
                if (status != JpegBlockStatus.Ok || reader.Overrun) ThrowBlockError(ref reader, status);
            }
        }

        if (!reader.AtSegmentEnd()) ThrowSegmentEnd(ref reader);
        return reader.BytePosition;
    }

    /// <summary>Reads the RSTn marker that ends a restart interval, checks its number (T.81 B.2.1, E.1.4); returns the offset of the data after it.</summary>
    internal static int ReadRestartMarker(ReadOnlySpan<byte> data, int markerPosition, ref int expectedRst)
    {
        if (markerPosition >= data.Length) JpegThrow.Format("entropy data ends before a restart marker", data.Length);
        var markers = new JpegMarkerReader(data, markerPosition);
        var seg = markers.Read();
        byte want = (byte)(JpegMarker.Rst0 + expectedRst);
        if (seg.Marker != want) JpegThrow.Format($"expected RST{expectedRst}, found marker 0xFF{seg.Marker:X2}", seg.Offset);
        expectedRst = (expectedRst + 1) & 7;
        return seg.End;
    }

    internal static void ThrowBlockError(ref JpegBitReader reader, JpegBlockStatus status)
    {
        if (reader.Overrun) JpegThrow.Format("entropy-coded data ends early (a segment is shorter than its MCUs)", reader.BytePosition);
        JpegThrow.Format(JpegThrow.Describe(status), reader.ApproximateByteOffset);
    }

    internal static void ThrowSegmentEnd(ref JpegBitReader reader)
    {
        if (reader.Overrun) JpegThrow.Format("entropy-coded data ends early (a segment is shorter than its MCUs)", reader.BytePosition);
        if (!reader.AtMarker) JpegThrow.Format("entropy-coded data continues past the last MCU of the segment", reader.ApproximateByteOffset);
        JpegThrow.Format("entropy-coded data continues past the last MCU of the segment", reader.BytePosition);
    }
}
