using System.Buffers;
using PixelScrub.Masks;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Redacts a sequential-DCT JPEG frame in the coefficient domain: blocks that intersect a clean part of the
/// mask get their AC coefficients dropped and their DC set per <see cref="JpegRedactMode"/>; every other block
/// keeps its exact coefficients. The output is written only when the whole frame was processed; any problem
/// throws (<see cref="JpegFormatException"/> with the byte offset, <see cref="UnsupportedInputException"/>)
/// before anything reaches <c>output</c>.
///
/// Copy, don't re-encode: a frame with no selected block is copied untouched; restart intervals with no
/// selected block are copied byte for byte; inside an interval, entropy data before the first touched MCU and
/// after the DC predictors are back in step are copied as bits (shifted to the new alignment, re-stuffed),
/// not re-encoded. The whole scan is still Huffman-decoded to validate it and find block boundaries.
/// The original Huffman tables are reused; when one lacks a code the new data needs, the tables concerned are
/// rebuilt from the new statistics (T.81 K.2) and the scans re-encoded (reported in the result).
/// </summary>
internal static partial class JpegRedactor
{
    /// <summary>
    /// Redacts one frame (<paramref name="codestream"/>: SOI to EOI; bytes after EOI are not copied unless the
    /// frame is copied unchanged). Writes the new code stream to <paramref name="output"/> only on success.
    /// <paramref name="frame"/>, when given, is put into a <see cref="JpegFormatException"/>.
    /// </summary>
    public static JpegRedactResult Redact(ReadOnlySpan<byte> codestream, PixelMask mask, JpegRedactMode mode,
        JpegColorModel colors, IBufferWriter<byte> output, int? frame = null)
    {
        try
        {
            return RedactFrame(codestream, mask, mode, colors, output);
        }
        catch (JpegFormatException e) when (frame is not null && e.Frame is null)
        {
            throw new JpegFormatException(e.Reason, e.Offset, frame, e);
        }
    }

    private static JpegRedactResult RedactFrame(ReadOnlySpan<byte> codestream, PixelMask mask, JpegRedactMode mode,
        JpegColorModel colors, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(output);
        var plan = CreatePlan(codestream, mask, mode, colors);
        int nc = plan.Frame.Components.Length;
        if (plan.IsEmpty)
        {
            output.Write(codestream);
            return new JpegRedactResult(new int[nc], false, true, codestream.Length);
        }

        using var writer = new JpegBitWriter(codestream.Length + 4096);
        var counts = new int[nc];
        bool rebuilt = false;
        if (!TryRedactReusingTables(codestream, plan, writer, counts))
        {
            writer.Reset();
            Array.Clear(counts);
            RedactRebuildingTables(codestream, plan, writer, counts);
            rebuilt = true;
        }

        output.Write(writer.WrittenSpan);
        return new JpegRedactResult(counts, rebuilt, false, writer.Length);
    }

    /// <summary>Reads the headers up to the first scan and selects the blocks to redact.</summary>
    private static JpegRedactionPlan CreatePlan(ReadOnlySpan<byte> data, PixelMask mask, JpegRedactMode mode, JpegColorModel colors)
    {
        var state = new JpegHeaderState();
        var markers = new JpegMarkerReader(data);
        if (markers.Read().Marker != JpegMarker.Soi) JpegThrow.Format("code stream does not start with SOI", 0);
        while (true)
        {
            var seg = markers.Read();
            if (state.Apply(seg, data)) continue;
            if (seg.Marker != JpegMarker.Sos) JpegThrow.Format($"marker 0xFF{seg.Marker:X2} before the first scan", seg.Offset);
            var frame = state.Frame ?? JpegThrow.Format<JpegFrame>("scan before the frame header", seg.Offset);
            if (frame.IsLossless) JpegThrow.Unsupported("JPEG lossless (SOF3) frames are not DCT-coded; use the JPEG Lossless codec");
            var scan = state.ReadScan(seg, data);
            if (frame.Height == 0) JpegCoefficientDecoder.ReadDnlAhead(state, scan, data);
            // The mask is in pixel coordinates of the image; the frame must be the same size.
            if (frame.Width != mask.Columns || frame.Height != mask.Rows)
            {
                JpegThrow.Format($"JPEG frame is {frame.Width}x{frame.Height} but the image is {mask.Columns}x{mask.Rows}", frame.Offset);
            }

            JpegCoefficientDecoder.CheckFrameFitsData(frame, data.Length);
            return JpegRedactionPlan.Create(frame, mask, mode, colors, state.HasJfif, state.AdobeTransform);
        }
    }

    /// <summary>The fast path; returns false (output to be discarded) when a Huffman table lacks a needed code.</summary>
    private static bool TryRedactReusingTables(ReadOnlySpan<byte> data, JpegRedactionPlan plan, JpegBitWriter w, int[] counts)
    {
        var state = new JpegHeaderState();
        var markers = new JpegMarkerReader(data);
        markers.Read(); // SOI, checked by CreatePlan
        w.WriteMarker(JpegMarker.Soi);
        var encodeTables = new Dictionary<JpegHuffmanSpec, JpegHuffmanEncodeTable>(ReferenceEqualityComparer.Instance);
        bool[]? coded = null;
        while (true)
        {
            var seg = markers.Read();
            if (!state.Apply(seg, data) && seg.Marker != JpegMarker.Dnl && seg.Marker != JpegMarker.Sos && seg.Marker != JpegMarker.Eoi)
            {
                JpegThrow.Format($"marker 0xFF{seg.Marker:X2} outside entropy-coded data", seg.Offset);
            }

            if (seg.Marker == JpegMarker.Dnl) state.ReadDnl(seg, data);
            w.WriteBytes(data[seg.Offset..seg.End]);
            if (seg.Marker == JpegMarker.Eoi)
            {
                CheckAllCoded(state, coded, seg.Offset);
                return true;
            }

            if (seg.Marker != JpegMarker.Sos) continue;
            var scan = state.ReadScan(seg, data);
            var frame = state.Frame!;
            JpegCoefficientDecoder.CheckSequential(scan, seg.Offset);
            if (frame.Height == 0) JpegCoefficientDecoder.ReadDnlAhead(state, scan, data);
            coded ??= new bool[frame.Components.Length];
            foreach (var c in scan.Components)
            {
                if (coded[c.Index]) JpegThrow.Format($"component {c.Id} is coded in two scans of a sequential frame", seg.Offset);
                coded[c.Index] = true;
            }

            var ctx = new JpegRedactScanContext(plan, state, scan, encodeTables);
            int end = RedactScan(data, ctx, w, counts, out bool missingCode);
            if (missingCode) return false;
            markers.Position = end;
        }
    }

    internal static void CheckAllCoded(JpegHeaderState state, bool[]? coded, int offset)
    {
        var frame = state.Frame ?? JpegThrow.Format<JpegFrame>("EOI before any frame", offset);
        if (coded is null) JpegThrow.Format("EOI before any scan", offset);
        for (int i = 0; i < coded.Length; i++)
        {
            if (!coded[i]) JpegThrow.Format($"component {frame.Components[i].Id} is never coded", offset);
        }
    }

    /// <summary>Processes the entropy data of one scan; returns the offset of the marker that ends it.</summary>
    private static int RedactScan(ReadOnlySpan<byte> data, JpegRedactScanContext ctx, JpegBitWriter w, int[] counts, out bool missingCode)
    {
        missingCode = false;
        int restart = ctx.RestartInterval;
        int mcuCount = ctx.Layout.McuCount;
        int intervalLength = restart > 0 ? restart : mcuCount;
        int start = (int)ctx.Scan.DataOffset;
        int expectedRst = 0;
        for (int m0 = 0; m0 < mcuCount; m0 += intervalLength)
        {
            if (m0 > 0)
            {
                start = JpegCoefficientDecoder.ReadRestartMarker(data, start, ref expectedRst);
                w.WriteMarker((byte)(JpegMarker.Rst0 + ((expectedRst + 7) & 7)));
            }

            int m1 = Math.Min(mcuCount, m0 + intervalLength);
            var reader = new JpegBitReader(data, start);
            if (!ctx.AnyAffected(m0, m1))
            {
                SkipInterval(ref reader, ctx, m0, m1);
                w.WriteBytes(data[start..reader.BytePosition]); // byte for byte
            }
            else if (!RedactInterval(ref reader, ctx, m0, m1, w, counts))
            {
                missingCode = true;
                return 0;
            }

            start = reader.BytePosition;
        }

        return start;
    }

    /// <summary>Decodes an interval only to validate it and find its end.</summary>
    private static void SkipInterval(ref JpegBitReader reader, JpegRedactScanContext ctx, int m0, int m1)
    {
        Span<int> pred = stackalloc int[4];
        pred.Clear();
        var layout = ctx.Layout;
        int precision = ctx.Precision;
        for (int m = m0; m < m1; m++)
        {
            for (int u = 0; u < layout.BlocksPerMcu; u++)
            {
                int ci = layout.ComponentOf(u);
                var status = JpegBlockCoder.Skip(ref reader, ref pred[ci], ctx.Dc[ci], ctx.Ac[ci], precision);
                if (status != JpegBlockStatus.Ok || reader.Overrun) JpegCoefficientDecoder.ThrowBlockError(ref reader, status);
            }
        }

        if (!reader.AtSegmentEnd()) JpegCoefficientDecoder.ThrowSegmentEnd(ref reader);
    }

    /// <summary>
    /// An interval with selected blocks: bits before the first touched MCU and after the predictors are back in
    /// step are copied; touched MCUs and those whose DC difference changed are re-encoded. Returns false when
    /// a Huffman table lacks a needed code.
    /// </summary>
    private static bool RedactInterval(ref JpegBitReader reader, JpegRedactScanContext ctx, int m0, int m1, JpegBitWriter w, int[] counts)
    {
        var layout = ctx.Layout;
        int n = ctx.Scan.Components.Length;
        int precision = ctx.Precision;
        Span<int> inPred = stackalloc int[4];
        Span<int> outPred = stackalloc int[4];
        inPred.Clear();
        outPred.Clear();
        Span<short> block = stackalloc short[64];
        var copyFrom = reader; // copying is pending from this position
        bool copying = true;
        for (int m = m0; m < m1; m++)
        {
            bool inStep = inPred[..n].SequenceEqual(outPred[..n]);
            bool encode = ctx.IsAffected(m) || !inStep;
            if (encode && copying)
            {
                w.CopyBits(ref copyFrom, reader.BitPosition - copyFrom.BitPosition);
                copying = false;
            }
            else if (!encode && !copying)
            {
                copyFrom = reader;
                copying = true;
            }

            for (int u = 0; u < layout.BlocksPerMcu; u++)
            {
                layout.Locate(m, u, out int ci, out int bx, out int by);
                JpegBlockStatus status;
                if (copying)
                {
                    status = JpegBlockCoder.Skip(ref reader, ref inPred[ci], ctx.Dc[ci], ctx.Ac[ci], precision);
                    if (status != JpegBlockStatus.Ok || reader.Overrun) JpegCoefficientDecoder.ThrowBlockError(ref reader, status);
                    outPred[ci] = inPred[ci]; // copied bits: the output predictor follows the input
                    continue;
                }

                block.Clear();
                status = JpegBlockCoder.Decode(ref reader, block, ref inPred[ci], ctx.Dc[ci], ctx.Ac[ci], precision);
                if (status != JpegBlockStatus.Ok || reader.Overrun) JpegCoefficientDecoder.ThrowBlockError(ref reader, status);
                var comp = ctx.Scan.Components[ci];
                if (ctx.Plan.IsRedacted(comp.Index, bx, by))
                {
                    ctx.Plan.Apply(block, comp.Index, ctx.Quant[ci]);
                    counts[comp.Index]++;
                }

                int diff = block[0] - outPred[ci];
                outPred[ci] = block[0];
                if (JpegBlockCoder.Encode(w, block, diff, ctx.DcEncode[ci], ctx.AcEncode[ci]) != JpegBlockStatus.Ok) return false;
            }
        }

        if (!reader.AtSegmentEnd()) JpegCoefficientDecoder.ThrowSegmentEnd(ref reader);
        if (copying) w.CopyBits(ref copyFrom, reader.BitPosition - copyFrom.BitPosition);
        w.FlushBits();
        return true;
    }
}
