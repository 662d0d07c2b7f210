using System.Buffers.Binary;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// What the marker segments of a code stream have defined so far (T.81 Annex B): the frame, quantization and
/// Huffman tables (which later segments may redefine), the restart interval, and the JFIF / Adobe APP
/// markers that decide the colour model. Feed it every segment in order through <see cref="Apply"/>.
/// </summary>
internal sealed class JpegHeaderState
{
    /// <summary>Quantization tables by slot, in natural (row-major) order; null until defined.</summary>
    public ushort[]?[] QuantTables { get; } = new ushort[]?[4];

    /// <summary>DC (or lossless) Huffman tables by slot.</summary>
    public JpegHuffmanDecodeTable?[] DcTables { get; } = new JpegHuffmanDecodeTable?[4];

    /// <summary>AC Huffman tables by slot.</summary>
    public JpegHuffmanDecodeTable?[] AcTables { get; } = new JpegHuffmanDecodeTable?[4];

    public JpegFrame? Frame { get; private set; }

    /// <summary>Restart interval Ri in MCUs (0: none), from the last DRI (T.81 B.2.4.4).</summary>
    public int RestartInterval { get; private set; }

    /// <summary>True when an APP0 "JFIF" segment was seen.</summary>
    public bool HasJfif { get; private set; }

    /// <summary>The Adobe APP14 transform flag (0 none/RGB, 1 YCbCr, 2 YCCK), or -1 without an Adobe segment.</summary>
    public int AdobeTransform { get; private set; } = -1;

    /// <summary>True when the frame header gave 0 lines, so a DNL segment defines them.</summary>
    public bool HeightFromDnl { get; private set; }

    /// <summary>Number of scans seen so far.</summary>
    public int ScanCount { get; private set; }

    /// <summary>
    /// Applies a table-or-miscellaneous segment or a frame header. Returns false for markers the caller
    /// handles itself (SOI, SOS, EOI, RSTn, DNL). Unsupported frame types throw <see cref="UnsupportedInputException"/>.
    /// </summary>
    public bool Apply(in JpegSegment segment, ReadOnlySpan<byte> data)
    {
        byte m = segment.Marker;
        ReadOnlySpan<byte> payload = data.Slice(segment.PayloadOffset, segment.PayloadLength);
        switch (m)
        {
            case JpegMarker.Dqt: ReadQuantTables(payload, segment.PayloadOffset); return true;
            case JpegMarker.Dht: ReadHuffmanTables(payload, segment.PayloadOffset); return true;
            case JpegMarker.Dri:
                if (payload.Length != 2) JpegThrow.Format("DRI segment must hold 2 bytes", segment.Offset);
                RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(payload);
                return true;
            case JpegMarker.Com: return true;
            case JpegMarker.Dac:
                JpegThrow.Unsupported("JPEG with arithmetic coding (DAC marker) is not supported");
                return true;
            case JpegMarker.Dhp:
            case JpegMarker.Exp:
                JpegThrow.Unsupported("hierarchical JPEG (DHP/EXP markers) is not supported");
                return true;
        }

        if (m >= JpegMarker.App0 && m <= JpegMarker.App15)
        {
            ReadApp(m, payload);
            return true;
        }

        if (m >= 0xF0 && m <= 0xFD) return true; // JPGn extensions: segments with a length, ignored (T.81 Table B.1)
        if (JpegMarker.IsStartOfFrame(m))
        {
            ReadFrame(m, payload, segment.Offset);
            return true;
        }

        if (m == JpegMarker.Sos || m == JpegMarker.Eoi || m == JpegMarker.Soi || m == JpegMarker.Dnl || JpegMarker.IsRestart(m))
        {
            return false;
        }

        JpegThrow.Format($"unknown or misplaced marker 0xFF{m:X2}", segment.Offset);
        return false;
    }

    private void ReadApp(byte marker, ReadOnlySpan<byte> payload)
    {
        if (marker == JpegMarker.App0 && payload.Length >= 5 && payload[..5].SequenceEqual("JFIF\0"u8))
        {
            HasJfif = true;
        }
        else if (marker == JpegMarker.App14 && payload.Length >= 12 && payload[..5].SequenceEqual("Adobe"u8))
        {
            // "Adobe", version (2), flags0 (2), flags1 (2), transform (1).
            AdobeTransform = payload[11];
        }
    }

    private void ReadQuantTables(ReadOnlySpan<byte> p, int offset)
    {
        int i = 0;
        if (p.Length == 0) JpegThrow.Format("empty DQT segment", offset);
        while (i < p.Length)
        {
            int pq = p[i] >> 4;
            int tq = p[i] & 15;
            // T.81 B.2.4.1: Pq 0 (8-bit) or 1 (16-bit), Tq 0..3.
            if (pq > 1 || tq > 3) JpegThrow.Format($"DQT table with precision {pq} / slot {tq}", offset + i);
            int size = pq == 0 ? 64 : 128;
            if (i + 1 + size > p.Length) JpegThrow.Format("DQT segment shorter than its tables", offset + i);
            var table = new ushort[64];
            ReadOnlySpan<byte> natural = JpegZigZag.NaturalOrder;
            for (int k = 0; k < 64; k++)
            {
                int q = pq == 0 ? p[i + 1 + k] : BinaryPrimitives.ReadUInt16BigEndian(p[(i + 1 + 2 * k)..]);
                table[natural[k]] = (ushort)q;
            }

            QuantTables[tq] = table;
            i += 1 + size;
        }
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> p, int offset)
    {
        int i = 0;
        if (p.Length == 0) JpegThrow.Format("empty DHT segment", offset);
        while (i < p.Length)
        {
            int tc = p[i] >> 4;
            int th = p[i] & 15;
            // T.81 B.2.4.2: Tc 0 (DC/lossless) or 1 (AC), Th 0..3.
            if (tc > 1 || th > 3) JpegThrow.Format($"DHT table with class {tc} / slot {th}", offset + i);
            if (i + 17 > p.Length) JpegThrow.Format("DHT segment shorter than its code counts", offset + i);
            ReadOnlySpan<byte> counts = p.Slice(i + 1, 16);
            int total = 0;
            foreach (byte c in counts) total += c;
            if (i + 17 + total > p.Length) JpegThrow.Format("DHT segment shorter than its symbols", offset + i);
            if (!JpegHuffmanSpec.IsValid(counts, total, out var reason)) JpegThrow.Format(reason, offset + i);
            var spec = new JpegHuffmanSpec(counts, p.Slice(i + 17, total));
            var table = new JpegHuffmanDecodeTable(spec);
            if (tc == 0) DcTables[th] = table;
            else AcTables[th] = table;
            i += 17 + total;
        }
    }

    private void ReadFrame(byte marker, ReadOnlySpan<byte> p, int offset)
    {
        if (marker != JpegMarker.Sof0 && marker != JpegMarker.Sof1 && marker != JpegMarker.Sof3)
        {
            JpegThrow.Unsupported($"JPEG {JpegMarker.ProcessName(marker)} (SOF marker 0xFF{marker:X2}) is not supported");
        }

        if (Frame is not null) JpegThrow.Format("second frame header in a non-hierarchical code stream", offset);
        if (p.Length < 6) JpegThrow.Format("frame header too short", offset);
        int precision = p[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(p[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(p[3..]);
        int nf = p[5];
        // T.81 B.2.2 / Table B.2: P = 8 (baseline), 8 or 12 (extended), 2..16 (lossless).
        bool precisionOk = marker switch
        {
            JpegMarker.Sof0 => precision == 8,
            JpegMarker.Sof1 => precision == 8 || precision == 12,
            _ => precision >= 2 && precision <= 16,
        };
        if (!precisionOk) JpegThrow.Format($"sample precision {precision} is not allowed for {JpegMarker.ProcessName(marker)}", offset);
        if (width == 0) JpegThrow.Format("frame width is 0", offset);
        if (nf == 0) JpegThrow.Format("frame has no components", offset);
        if (p.Length != 6 + 3 * nf) JpegThrow.Format($"frame header length does not match {nf} components", offset);
        if (nf > 4) JpegThrow.Unsupported($"JPEG frames with {nf} components are not supported (at most 4)");

        var components = new JpegComponent[nf];
        for (int i = 0; i < nf; i++)
        {
            byte id = p[6 + 3 * i];
            int h = p[7 + 3 * i] >> 4;
            int v = p[7 + 3 * i] & 15;
            int tq = p[8 + 3 * i];
            if (h < 1 || h > 4 || v < 1 || v > 4) JpegThrow.Format($"component {id} has sampling factors {h}x{v} (1..4 allowed)", offset);
            if (tq > 3 || (marker == JpegMarker.Sof3 && tq != 0)) JpegThrow.Format($"component {id} uses quantization table {tq}", offset);
            for (int j = 0; j < i; j++)
            {
                if (components[j].Id == id) JpegThrow.Format($"component identifier {id} appears twice", offset);
            }

            components[i] = new JpegComponent(i, id, h, v, tq);
        }

        Frame = new JpegFrame(marker, precision, width, height, components, offset);
        HeightFromDnl = height == 0;
    }

    /// <summary>Reads a scan header (T.81 B.2.3) against the current frame and tables.</summary>
    public JpegScan ReadScan(in JpegSegment segment, ReadOnlySpan<byte> data)
    {
        var frame = Frame ?? JpegThrow.Format<JpegFrame>("scan before the frame header", segment.Offset);
        ReadOnlySpan<byte> p = data.Slice(segment.PayloadOffset, segment.PayloadLength);
        if (p.Length < 1) JpegThrow.Format("scan header too short", segment.Offset);
        int ns = p[0];
        if (ns < 1 || ns > 4) JpegThrow.Format($"scan has {ns} components (1..4 allowed)", segment.Offset);
        if (p.Length != 4 + 2 * ns) JpegThrow.Format($"scan header length does not match {ns} components", segment.Offset);
        if (frame.Height == 0 && ScanCount > 0) JpegThrow.Format("second scan before DNL defined the number of lines", segment.Offset);

        var components = new JpegComponent[ns];
        var dc = new int[ns];
        var ac = new int[ns];
        int blocksPerMcu = 0;
        for (int i = 0; i < ns; i++)
        {
            byte id = p[1 + 2 * i];
            var c = frame.FindComponent(id) ?? JpegThrow.Format<JpegComponent>($"scan names component {id}, which the frame lacks", segment.Offset);
            // T.81 B.2.3: scan components follow the frame order and appear once.
            if (i > 0 && c.Index <= components[i - 1].Index) JpegThrow.Format("scan components are not in frame order", segment.Offset);
            components[i] = c;
            dc[i] = p[2 + 2 * i] >> 4;
            ac[i] = p[2 + 2 * i] & 15;
            if (dc[i] > 3 || ac[i] > 3) JpegThrow.Format($"scan component {id} selects Huffman table {dc[i]}/{ac[i]}", segment.Offset);
            blocksPerMcu += c.H * c.V;
        }

        // T.81 B.2.3: an interleaved MCU holds at most 10 data units.
        if (ns > 1 && blocksPerMcu > 10) JpegThrow.Format($"interleaved MCU of {blocksPerMcu} data units (at most 10)", segment.Offset);
        int ss = p[1 + 2 * ns];
        int se = p[2 + 2 * ns];
        int ah = p[3 + 2 * ns] >> 4;
        int al = p[3 + 2 * ns] & 15;
        ScanCount++;
        return new JpegScan(components, dc, ac, ss, se, ah, al, segment.Offset, segment.End);
    }

    /// <summary>Reads a DNL segment (T.81 B.2.5) and completes the frame geometry.</summary>
    public void ReadDnl(in JpegSegment segment, ReadOnlySpan<byte> data)
    {
        var frame = Frame ?? JpegThrow.Format<JpegFrame>("DNL before the frame header", segment.Offset);
        if (segment.PayloadLength != 2) JpegThrow.Format("DNL segment must hold 2 bytes", segment.Offset);
        int lines = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(segment.PayloadOffset, 2));
        if (lines == 0) JpegThrow.Format("DNL defines 0 lines", segment.Offset);
        // T.81 B.2.5: DNL only follows the first scan of a frame whose header gave 0 lines.
        if (!HeightFromDnl) JpegThrow.Format("DNL where the frame header already gave the number of lines", segment.Offset);
        if (frame.Height != 0 && frame.Height != lines) JpegThrow.Format("DNL segments disagree on the number of lines", segment.Offset);
        if (frame.Height == 0) frame.SetHeight(lines);
    }
}
