using System.Buffers;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Writes a complete sequential-DCT code stream (SOI, APP, DQT, SOF, DHT, DRI, SOS, entropy data, EOI) from
/// quantized coefficients: the entropy-coding half of a baseline/extended encoder (T.81 Annex F.1). The
/// frame marker is kept (SOF0 for 8-bit, SOF1 for 12-bit); at most two DC and two AC tables are used
/// (component 0, then the rest), as baseline requires (T.81 B.2.4.2).
/// </summary>
internal static class JpegCoefficientEncoder
{
    public static void Encode(JpegCoefficients coefficients, JpegEncodeOptions options, IBufferWriter<byte> output)
    {
        var frame = coefficients.Frame;
        if (frame.IsLossless) throw new ArgumentException("lossless frames have no coefficients");
        if (!options.OptimizeHuffmanTables && frame.Precision != 8)
        {
            throw new ArgumentException("the example Huffman tables of T.81 K.3 only cover 8-bit data; optimise the tables");
        }

        int nc = frame.Components.Length;
        bool interleaved = options.Interleaved && nc > 1 && BlocksPerMcu(frame) <= 10;
        var scans = new List<JpegScan>();
        var tableOf = new int[nc];
        for (int i = 0; i < nc; i++) tableOf[i] = i == 0 ? 0 : 1;
        if (interleaved)
        {
            scans.Add(MakeScan(frame.Components, tableOf));
        }
        else
        {
            foreach (var c in frame.Components) scans.Add(MakeScan([c], tableOf));
        }

        // Tables: slot 0 for component 0, slot 1 for the others.
        var dcSpecs = new JpegHuffmanSpec[2];
        var acSpecs = new JpegHuffmanSpec[2];
        int slots = nc > 1 ? 2 : 1;
        if (options.OptimizeHuffmanTables)
        {
            var dcFreq = new long[2][];
            var acFreq = new long[2][];
            for (int s = 0; s < 2; s++) { dcFreq[s] = new long[256]; acFreq[s] = new long[256]; }
            foreach (var scan in scans) Walk(coefficients, scan, options.RestartInterval, null, null, dcFreq, acFreq, tableOf);
            for (int s = 0; s < slots; s++)
            {
                dcSpecs[s] = JpegHuffmanOptimizer.Build(dcFreq[s]);
                acSpecs[s] = JpegHuffmanOptimizer.Build(acFreq[s]);
            }
        }
        else
        {
            dcSpecs[0] = JpegStandardTables.DcLuminance;
            acSpecs[0] = JpegStandardTables.AcLuminance;
            dcSpecs[1] = JpegStandardTables.DcChrominance;
            acSpecs[1] = JpegStandardTables.AcChrominance;
        }

        using var w = new JpegBitWriter(64 * 1024);
        w.WriteMarker(JpegMarker.Soi);
        if (options.WriteJfif) WriteJfif(w);
        if (options.AdobeTransform >= 0) WriteAdobe(w, options.AdobeTransform);
        WriteQuantTables(w, coefficients);
        WriteFrameHeader(w, frame);
        var dcEnc = new JpegHuffmanEncodeTable[slots];
        var acEnc = new JpegHuffmanEncodeTable[slots];
        for (int s = 0; s < slots; s++)
        {
            WriteHuffmanTable(w, 0, s, dcSpecs[s]);
            WriteHuffmanTable(w, 1, s, acSpecs[s]);
            dcEnc[s] = new JpegHuffmanEncodeTable(dcSpecs[s]);
            acEnc[s] = new JpegHuffmanEncodeTable(acSpecs[s]);
        }

        if (options.RestartInterval > 0)
        {
            w.WriteMarker(JpegMarker.Dri);
            w.WriteUInt16(4);
            w.WriteUInt16(options.RestartInterval);
        }

        foreach (var scan in scans)
        {
            WriteScanHeader(w, scan, tableOf);
            Walk(coefficients, scan, options.RestartInterval, w, (dcEnc, acEnc), null, null, tableOf);
        }

        w.WriteMarker(JpegMarker.Eoi);
        output.Write(w.WrittenSpan);
    }

    private static int BlocksPerMcu(JpegFrame frame)
    {
        int n = 0;
        foreach (var c in frame.Components) n += c.H * c.V;
        return n;
    }

    private static JpegScan MakeScan(JpegComponent[] components, int[] tableOf)
    {
        var dc = new int[components.Length];
        for (int i = 0; i < dc.Length; i++) dc[i] = tableOf[components[i].Index];
        return new JpegScan(components, dc, (int[])dc.Clone(), 0, 63, 0, 0, 0, 0);
    }

    /// <summary>Either counts symbols (frequency tables given) or writes the scan's entropy data.</summary>
    private static void Walk(JpegCoefficients coefficients, JpegScan scan, int restart, JpegBitWriter? w,
        (JpegHuffmanEncodeTable[] Dc, JpegHuffmanEncodeTable[] Ac)? tables, long[][]? dcFreq, long[][]? acFreq, int[] tableOf)
    {
        int n = scan.Components.Length;
        if (w is null)
        {
            var dcF = new long[n][];
            var acF = new long[n][];
            for (int i = 0; i < n; i++)
            {
                dcF[i] = dcFreq![tableOf[scan.Components[i].Index]];
                acF[i] = acFreq![tableOf[scan.Components[i].Index]];
            }

            CountScan(coefficients, scan, restart, dcF, acF);
            return;
        }

        var dc = new JpegHuffmanEncodeTable[n];
        var ac = new JpegHuffmanEncodeTable[n];
        for (int i = 0; i < n; i++)
        {
            dc[i] = tables!.Value.Dc[tableOf[scan.Components[i].Index]];
            ac[i] = tables.Value.Ac[tableOf[scan.Components[i].Index]];
        }

        EncodeScan(coefficients, scan, restart, dc, ac, w);
    }

    /// <summary>
    /// Adds the symbols of one scan to frequency tables, one DC and one AC table per scan component (the same
    /// array may be passed for components that share a table).
    /// </summary>
    internal static void CountScan(JpegCoefficients coefficients, JpegScan scan, int restart, long[][] dcFreq, long[][] acFreq)
    {
        var layout = new JpegScanLayout(coefficients.Frame, scan);
        Span<int> predictors = stackalloc int[4];
        predictors.Clear();
        for (int m = 0; m < layout.McuCount; m++)
        {
            if (restart > 0 && m > 0 && m % restart == 0) predictors.Clear(); // DC prediction restarts (T.81 F.1.1.5.1)
            for (int u = 0; u < layout.BlocksPerMcu; u++)
            {
                layout.Locate(m, u, out int ci, out int bx, out int by);
                var comp = scan.Components[ci];
                ReadOnlySpan<short> block = coefficients.Blocks[comp.Index].AsSpan((by * comp.BlocksPerLine + bx) * 64, 64);
                JpegBlockCoder.Count(block, block[0] - predictors[ci], dcFreq[ci], acFreq[ci]);
                predictors[ci] = block[0];
            }
        }
    }

    /// <summary>
    /// Writes the entropy-coded data of one scan (with RSTn markers every <paramref name="restart"/> MCUs),
    /// one DC and one AC table per scan component, ending byte aligned. Throws <see cref="ArgumentException"/>
    /// when a table lacks a symbol the coefficients need.
    /// </summary>
    internal static void EncodeScan(JpegCoefficients coefficients, JpegScan scan, int restart,
        JpegHuffmanEncodeTable[] dc, JpegHuffmanEncodeTable[] ac, JpegBitWriter w)
    {
        var layout = new JpegScanLayout(coefficients.Frame, scan);
        Span<int> predictors = stackalloc int[4];
        predictors.Clear();
        int rst = 0;
        for (int m = 0; m < layout.McuCount; m++)
        {
            if (restart > 0 && m > 0 && m % restart == 0)
            {
                predictors.Clear();
                w.FlushBits();
                w.WriteMarker((byte)(JpegMarker.Rst0 + rst));
                rst = (rst + 1) & 7;
            }

            for (int u = 0; u < layout.BlocksPerMcu; u++)
            {
                layout.Locate(m, u, out int ci, out int bx, out int by);
                var comp = scan.Components[ci];
                ReadOnlySpan<short> block = coefficients.Blocks[comp.Index].AsSpan((by * comp.BlocksPerLine + bx) * 64, 64);
                int diff = block[0] - predictors[ci];
                predictors[ci] = block[0];
                if (JpegBlockCoder.Encode(w, block, diff, dc[ci], ac[ci]) != JpegBlockStatus.Ok)
                {
                    throw new ArgumentException($"coefficients out of range for the Huffman tables (component {comp.Id}, block {bx},{by})");
                }
            }
        }

        w.FlushBits();
    }

    private static void WriteJfif(JpegBitWriter w)
    {
        w.WriteMarker(JpegMarker.App0);
        w.WriteUInt16(16);
        w.WriteBytes("JFIF\0"u8);
        w.WriteBytes([1, 1, 0, 0, 1, 0, 1, 0, 0]); // version 1.01, aspect ratio 1:1, no thumbnail
    }

    private static void WriteAdobe(JpegBitWriter w, int transform)
    {
        w.WriteMarker(JpegMarker.App14);
        w.WriteUInt16(14);
        w.WriteBytes("Adobe"u8);
        w.WriteBytes([0, 100, 0, 0, 0, 0, (byte)transform]);
    }

    private static void WriteQuantTables(JpegBitWriter w, JpegCoefficients coefficients)
    {
        ReadOnlySpan<byte> natural = JpegZigZag.NaturalOrder;
        Span<bool> written = stackalloc bool[4];
        written.Clear();
        foreach (var c in coefficients.Frame.Components)
        {
            int t = c.QuantTable;
            if (written[t]) continue;
            written[t] = true;
            var q = coefficients.QuantTables[t] ?? throw new ArgumentException($"quantization table {t} is missing");
            bool wide = false;
            foreach (var v in q) wide |= v > 255;
            w.WriteMarker(JpegMarker.Dqt);
            w.WriteUInt16(2 + 1 + (wide ? 128 : 64));
            w.WriteByte((wide ? 0x10 : 0) | t);
            for (int k = 0; k < 64; k++)
            {
                int v = q[natural[k]];
                if (wide) w.WriteUInt16(v);
                else w.WriteByte(v);
            }
        }
    }

    private static void WriteFrameHeader(JpegBitWriter w, JpegFrame frame)
    {
        w.WriteMarker(frame.Marker);
        w.WriteUInt16(8 + 3 * frame.Components.Length);
        w.WriteByte(frame.Precision);
        w.WriteUInt16(frame.Height);
        w.WriteUInt16(frame.Width);
        w.WriteByte(frame.Components.Length);
        foreach (var c in frame.Components)
        {
            w.WriteByte(c.Id);
            w.WriteByte((c.H << 4) | c.V);
            w.WriteByte(c.QuantTable);
        }
    }

    /// <summary>Writes one DHT segment (T.81 B.2.4.2).</summary>
    internal static void WriteHuffmanTable(JpegBitWriter w, int tableClass, int slot, JpegHuffmanSpec spec)
    {
        w.WriteMarker(JpegMarker.Dht);
        w.WriteUInt16(2 + 1 + 16 + spec.Values.Length);
        w.WriteByte((tableClass << 4) | slot);
        w.WriteBytes(spec.Counts);
        w.WriteBytes(spec.Values);
    }

    private static void WriteScanHeader(JpegBitWriter w, JpegScan scan, int[] tableOf)
    {
        w.WriteMarker(JpegMarker.Sos);
        w.WriteUInt16(6 + 2 * scan.Components.Length);
        w.WriteByte(scan.Components.Length);
        foreach (var c in scan.Components)
        {
            int t = tableOf[c.Index];
            w.WriteByte(c.Id);
            w.WriteByte((t << 4) | t);
        }

        w.WriteByte(0);
        w.WriteByte(63);
        w.WriteByte(0);
    }
}
