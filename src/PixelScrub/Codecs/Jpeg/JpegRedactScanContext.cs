namespace PixelScrub.Codecs.Jpeg;

/// <summary>Everything the redactor needs about one scan: tables per scan component and which MCUs are touched.</summary>
internal sealed class JpegRedactScanContext
{
    private readonly int[] _affectedBefore; // number of touched MCUs before index m (prefix sums)

    public JpegRedactScanContext(JpegRedactionPlan plan, JpegHeaderState state, JpegScan scan,
        Dictionary<JpegHuffmanSpec, JpegHuffmanEncodeTable> encodeTables)
    {
        Plan = plan;
        Scan = scan;
        var frame = state.Frame!;
        Precision = frame.Precision;
        RestartInterval = state.RestartInterval;
        Layout = new JpegScanLayout(frame, scan);
        int n = scan.Components.Length;
        Dc = new JpegHuffmanDecodeTable[n];
        Ac = new JpegHuffmanDecodeTable[n];
        DcEncode = new JpegHuffmanEncodeTable[n];
        AcEncode = new JpegHuffmanEncodeTable[n];
        Quant = new ushort[n][];
        for (int i = 0; i < n; i++)
        {
            var c = scan.Components[i];
            Dc[i] = state.DcTables[scan.DcTables[i]] ?? JpegThrow.Format<JpegHuffmanDecodeTable>($"scan uses DC Huffman table {scan.DcTables[i]}, which is not defined", scan.MarkerOffset);
            Ac[i] = state.AcTables[scan.AcTables[i]] ?? JpegThrow.Format<JpegHuffmanDecodeTable>($"scan uses AC Huffman table {scan.AcTables[i]}, which is not defined", scan.MarkerOffset);
            Quant[i] = state.QuantTables[c.QuantTable] ?? JpegThrow.Format<ushort[]>($"component {c.Id} uses quantization table {c.QuantTable}, which is not defined", scan.MarkerOffset);
            DcEncode[i] = EncodeTableFor(Dc[i].Spec, encodeTables);
            AcEncode[i] = EncodeTableFor(Ac[i].Spec, encodeTables);
        }

        int mcus = Layout.McuCount;
        var hit = new bool[mcus];
        for (int i = 0; i < n; i++)
        {
            var c = scan.Components[i];
            var (bx0, by0, bx1, by1) = plan.CandidateRange(c.Index);
            if (!scan.IsInterleaved)
            {
                // A single-component scan codes only the blocks that cover the samples (T.81 A.2.2).
                bx1 = Math.Min(bx1, c.WidthInBlocks);
                by1 = Math.Min(by1, c.HeightInBlocks);
            }

            for (int by = by0; by < by1; by++)
            {
                for (int bx = bx0; bx < bx1; bx++)
                {
                    if (!plan.IsRedacted(c.Index, bx, by)) continue;
                    int m = scan.IsInterleaved ? (by / c.V) * Layout.McusPerLine + bx / c.H : by * c.WidthInBlocks + bx;
                    hit[m] = true;
                }
            }
        }

        _affectedBefore = new int[mcus + 1];
        for (int m = 0; m < mcus; m++) _affectedBefore[m + 1] = _affectedBefore[m] + (hit[m] ? 1 : 0);
    }

    public JpegRedactionPlan Plan { get; }
    public JpegScan Scan { get; }
    public JpegScanLayout Layout { get; }
    public int Precision { get; }
    public int RestartInterval { get; }
    public JpegHuffmanDecodeTable[] Dc { get; }
    public JpegHuffmanDecodeTable[] Ac { get; }
    public JpegHuffmanEncodeTable[] DcEncode { get; }
    public JpegHuffmanEncodeTable[] AcEncode { get; }

    /// <summary>Quantization table per scan component (natural order).</summary>
    public ushort[][] Quant { get; }

    /// <summary>True when MCU <paramref name="m"/> holds a selected block.</summary>
    public bool IsAffected(int m) => _affectedBefore[m + 1] != _affectedBefore[m];

    /// <summary>True when any MCU in [m0, m1) holds a selected block.</summary>
    public bool AnyAffected(int m0, int m1) => _affectedBefore[m1] != _affectedBefore[m0];

    private static JpegHuffmanEncodeTable EncodeTableFor(JpegHuffmanSpec spec, Dictionary<JpegHuffmanSpec, JpegHuffmanEncodeTable> cache)
    {
        if (!cache.TryGetValue(spec, out var table))
        {
            table = new JpegHuffmanEncodeTable(spec);
            cache[spec] = table;
        }

        return table;
    }
}
