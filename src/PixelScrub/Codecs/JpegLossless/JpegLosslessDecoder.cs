using System.Buffers;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.JpegLossless;

/// <summary>
/// Decodes a JPEG lossless code stream (T.81 Annex H, process 14: SOF3, Huffman) of one DICOM frame into native
/// little endian pixel data in the layout's Planar Configuration. Predictors 1..7, point transform, precision
/// 2..16, 1..4 components in interleaved or separate scans, restart intervals. Strict: every sample must be
/// coded, every interval must end where its data ends, and the frame must match the layout.
/// </summary>
internal static class JpegLosslessDecoder
{
    public static void Decode(ReadOnlySpan<byte> data, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        try
        {
            DecodeCore(data, layout, destination);
        }
        catch (JpegFormatException e) when (e.Frame is null)
        {
            throw new JpegFormatException(e.Reason, e.Offset, frameIndex, e);
        }
    }

    private static void DecodeCore(ReadOnlySpan<byte> data, PixelLayout layout, Span<byte> destination)
    {
        JpegLosslessLayout.Validate(layout);
        if (destination.Length < layout.BytesPerFrame)
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {layout.BytesPerFrame}", nameof(destination));

        var state = new JpegHeaderState();
        var markers = new JpegMarkerReader(data);
        if (markers.Read().Marker != JpegMarker.Soi) JpegThrow.Format("code stream does not start with SOI", 0);

        int pixels = layout.Rows * layout.Columns;
        int components = layout.SamplesPerPixel;
        ushort[]? planes = null;
        Span<bool> coded = stackalloc bool[4];
        coded.Clear();
        try
        {
            while (true)
            {
                var segment = markers.Read();
                if (state.Apply(segment, data))
                {
                    if (state.Frame is { } f && planes is null) planes = StartFrame(f, layout, data.Length);
                    continue;
                }

                switch (segment.Marker)
                {
                    case JpegMarker.Sos:
                    {
                        var frame = state.Frame ?? JpegThrow.Format<JpegFrame>("scan before the frame header", segment.Offset);
                        var scan = state.ReadScan(segment, data);
                        foreach (var c in scan.Components)
                        {
                            if (coded[c.Index]) JpegThrow.Format($"component {c.Id} is coded in two scans", segment.Offset);
                            coded[c.Index] = true;
                        }

                        markers.Position = JpegLosslessScanDecoder.Decode(data, state, frame, scan, planes!, pixels);
                        break;
                    }

                    case JpegMarker.Dnl:
                        state.ReadDnl(segment, data);
                        break;
                    case JpegMarker.Eoi:
                    {
                        var frame = state.Frame ?? JpegThrow.Format<JpegFrame>("EOI before the frame header", segment.Offset);
                        for (int i = 0; i < components; i++)
                        {
                            if (!coded[i]) JpegThrow.Format($"component {frame.Components[i].Id} is never coded", segment.Offset);
                        }

                        WriteNative(planes!, layout, destination);
                        return;
                    }

                    default:
                        JpegThrow.Format($"marker 0xFF{segment.Marker:X2} where a scan or EOI was expected", segment.Offset);
                        break;
                }
            }
        }
        finally
        {
            if (planes is not null) ArrayPool<ushort>.Shared.Return(planes);
        }
    }

    /// <summary>Checks the frame header against the layout and rents the sample planes.</summary>
    private static ushort[] StartFrame(JpegFrame frame, PixelLayout layout, int dataLength)
    {
        if (!frame.IsLossless)
            JpegThrow.Format($"a JPEG Lossless transfer syntax holds a {JpegMarker.ProcessName(frame.Marker)} frame, not lossless (SOF3)", frame.Offset);
        // A frame that leaves its height to DNL (T.81 B.2.5) takes the dataset's Rows; DNL must then agree.
        if (frame.Height == 0) frame.SetHeight(layout.Rows);
        if (frame.Width != layout.Columns || frame.Height != layout.Rows || frame.Components.Length != layout.SamplesPerPixel)
            JpegThrow.Format(
                $"the JPEG frame is {frame.Width} x {frame.Height} with {frame.Components.Length} component(s); the dataset declares " +
                $"{layout.Columns} x {layout.Rows} with {layout.SamplesPerPixel}", frame.Offset);
        if (frame.Precision > layout.BitsAllocated)
            JpegThrow.Format($"the JPEG frame has {frame.Precision}-bit samples; Bits Allocated is {layout.BitsAllocated}", frame.Offset);
        foreach (var c in frame.Components)
        {
            if (c.H != 1 || c.V != 1)
                JpegThrow.Unsupported($"JPEG Lossless with subsampled components ({c.H}x{c.V}) is not supported");
        }

        long samples = (long)layout.Rows * layout.Columns * layout.SamplesPerPixel;
        // Every sample takes at least one bit of Huffman code (T.81 H.1.2.2), so the data bounds the image.
        if (samples > 8L * dataLength + 64)
            JpegThrow.Format($"a {frame.Width} x {frame.Height} frame cannot fit in {dataLength} bytes", frame.Offset);
        return ArrayPool<ushort>.Shared.Rent((int)samples);
    }

    private static void WriteNative(ReadOnlySpan<ushort> planes, PixelLayout layout, Span<byte> destination)
    {
        int pixels = layout.Rows * layout.Columns;
        int samples = layout.SamplesPerPixel;
        bool planar = layout.PlanarConfiguration == 1 || samples == 1;
        if (layout.BitsAllocated == 8)
        {
            for (int c = 0; c < samples; c++)
            {
                var plane = planes.Slice(c * pixels, pixels);
                if (planar)
                {
                    var target = destination.Slice(c * pixels, pixels);
                    for (int p = 0; p < pixels; p++) target[p] = (byte)plane[p];
                }
                else
                {
                    for (int p = 0, to = c; p < pixels; p++, to += samples) destination[to] = (byte)plane[p];
                }
            }
        }
        else
        {
            for (int c = 0; c < samples; c++)
            {
                var plane = planes.Slice(c * pixels, pixels);
                int to = planar ? 2 * c * pixels : 2 * c;
                int step = planar ? 2 : 2 * samples;
                for (int p = 0; p < pixels; p++, to += step)
                {
                    ushort v = plane[p];
                    destination[to] = (byte)v;
                    destination[to + 1] = (byte)(v >> 8);
                }
            }
        }
    }
}
