namespace PixelScrub.Codecs.Jpeg;

internal static partial class JpegRedactor
{
    /// <summary>
    /// The slow path, taken when a Huffman table lacks a code the redacted data needs: decode all coefficients,
    /// redact, and write the stream again with the same segments and scans. Per scan, each table it uses is
    /// kept when it still covers every symbol, and otherwise replaced by an optimal table for the new
    /// statistics (T.81 K.2); a DHT segment is written before the scan wherever the table in force changes.
    /// </summary>
    private static void RedactRebuildingTables(ReadOnlySpan<byte> data, JpegRedactionPlan plan, JpegBitWriter w, int[] counts)
    {
        var coefficients = JpegCoefficientDecoder.Decode(data);
        var frame = coefficients.Frame;
        var state = new JpegHeaderState();
        var markers = new JpegMarkerReader(data);
        markers.Read();
        w.WriteMarker(JpegMarker.Soi);
        var inForce = new JpegHuffmanSpec?[2, 4]; // what the output's DHT segments have defined so far
        while (true)
        {
            var seg = markers.Read();
            bool handled = state.Apply(seg, data);
            if (seg.Marker == JpegMarker.Dht) continue; // tables are written per scan below
            if (seg.Marker == JpegMarker.Dnl) state.ReadDnl(seg, data);
            if (!handled && seg.Marker != JpegMarker.Dnl && seg.Marker != JpegMarker.Sos && seg.Marker != JpegMarker.Eoi)
            {
                JpegThrow.Format($"marker 0xFF{seg.Marker:X2} outside entropy-coded data", seg.Offset);
            }

            if (seg.Marker != JpegMarker.Sos)
            {
                w.WriteBytes(data[seg.Offset..seg.End]);
                if (seg.Marker == JpegMarker.Eoi) return;
                continue;
            }

            var scan = state.ReadScan(seg, data);
            // The scan components must be those of the decoded frame (same indexes).
            var scanOnDecoded = new JpegScan(Array.ConvertAll(scan.Components, c => frame.Components[c.Index]),
                scan.DcTables, scan.AcTables, scan.Ss, scan.Se, scan.Ah, scan.Al, scan.MarkerOffset, scan.DataOffset);
            ApplyPlan(coefficients, scanOnDecoded, plan, counts);
            var (dc, ac) = ChooseTables(coefficients, scanOnDecoded, state, inForce, w);
            w.WriteBytes(data[seg.Offset..seg.End]);
            JpegCoefficientEncoder.EncodeScan(coefficients, scanOnDecoded, state.RestartInterval, dc, ac, w);
            markers.Position = (int)scan.DataOffset;
            if (!markers.SkipEntropyData()) JpegThrow.Format("code stream ends inside a scan", data.Length);
        }
    }

    /// <summary>Redacts the selected blocks a scan codes (all grid blocks when interleaved, else the covering ones).</summary>
    private static void ApplyPlan(JpegCoefficients coefficients, JpegScan scan, JpegRedactionPlan plan, int[] counts)
    {
        foreach (var c in scan.Components)
        {
            int ci = c.Index;
            var quant = coefficients.QuantTableOf(ci);
            var (bx0, by0, bx1, by1) = plan.CandidateRange(ci);
            if (!scan.IsInterleaved)
            {
                bx1 = Math.Min(bx1, c.WidthInBlocks);
                by1 = Math.Min(by1, c.HeightInBlocks);
            }

            for (int by = by0; by < by1; by++)
            {
                for (int bx = bx0; bx < bx1; bx++)
                {
                    if (!plan.IsRedacted(ci, bx, by)) continue;
                    plan.Apply(coefficients.Block(ci, bx, by), ci, quant);
                    counts[ci]++;
                }
            }
        }
    }

    private static (JpegHuffmanEncodeTable[] Dc, JpegHuffmanEncodeTable[] Ac) ChooseTables(JpegCoefficients coefficients,
        JpegScan scan, JpegHeaderState state, JpegHuffmanSpec?[,] inForce, JpegBitWriter w)
    {
        int n = scan.Components.Length;
        // Statistics per table slot used by this scan.
        var dcFreq = new long[4][];
        var acFreq = new long[4][];
        var dcPer = new long[n][];
        var acPer = new long[n][];
        for (int i = 0; i < n; i++)
        {
            dcPer[i] = dcFreq[scan.DcTables[i]] ??= new long[256];
            acPer[i] = acFreq[scan.AcTables[i]] ??= new long[256];
        }

        JpegCoefficientEncoder.CountScan(coefficients, scan, state.RestartInterval, dcPer, acPer);
        var dc = new JpegHuffmanEncodeTable[n];
        var ac = new JpegHuffmanEncodeTable[n];
        var chosen = new JpegHuffmanEncodeTable?[2, 4];
        for (int i = 0; i < n; i++)
        {
            dc[i] = chosen[0, scan.DcTables[i]] ??= Choose(0, scan.DcTables[i], state.DcTables[scan.DcTables[i]], dcFreq[scan.DcTables[i]]!, inForce, w, scan);
            ac[i] = chosen[1, scan.AcTables[i]] ??= Choose(1, scan.AcTables[i], state.AcTables[scan.AcTables[i]], acFreq[scan.AcTables[i]]!, inForce, w, scan);
        }

        return (dc, ac);
    }

    private static JpegHuffmanEncodeTable Choose(int tableClass, int slot, JpegHuffmanDecodeTable? original, long[] freq,
        JpegHuffmanSpec?[,] inForce, JpegBitWriter w, JpegScan scan)
    {
        if (original is null)
        {
            JpegThrow.Format($"scan uses {(tableClass == 0 ? "DC" : "AC")} Huffman table {slot}, which is not defined", scan.MarkerOffset);
        }

        var spec = original.Spec;
        var table = new JpegHuffmanEncodeTable(spec);
        for (int s = 0; s < 256; s++)
        {
            if (freq[s] != 0 && !table.Contains(s))
            {
                spec = JpegHuffmanOptimizer.Build(freq);
                table = new JpegHuffmanEncodeTable(spec);
                break;
            }
        }

        if (inForce[tableClass, slot] is not { } current || !current.SequenceEquals(spec))
        {
            JpegCoefficientEncoder.WriteHuffmanTable(w, tableClass, slot, spec);
            inForce[tableClass, slot] = spec;
        }

        return table;
    }
}
