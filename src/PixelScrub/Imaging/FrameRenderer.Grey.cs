using System.Buffers;
using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

internal static partial class FrameRenderer
{
    private static RenderedImage RenderGrey(ReadOnlySpan<byte> frame, PixelLayout layout, RenderParameters p, bool invert)
    {
        var voi = VoiTransform.Resolve(p);
        var image = new RenderedImage(layout.Columns, layout.Rows, 1);
        if (layout.Format == SampleFormat.Integer && layout.BitsAllocated <= 16)
            GreyThroughTable(frame, layout, p, voi, invert, image.Pixels);
        else
            GreyThroughDoubles(frame, layout, p, voi, invert, image.Pixels);
        return image;
    }

    /// <summary>
    /// Stored values of at most 16 bits: the whole chain (modality, VOI, inversion) is evaluated once per value in
    /// the frame's stored range, then applied by table lookup.
    /// </summary>
    private static void GreyThroughTable(ReadOnlySpan<byte> frame, PixelLayout layout, RenderParameters p, VoiTransform voi, bool invert, byte[] output)
    {
        int n = output.Length;
        int[] valuesOwner = ArrayPool<int>.Shared.Rent(n);
        double[]? modalityOwner = null;
        byte[]? tableOwner = null;
        try
        {
            var values = valuesOwner.AsSpan(0, n);
            SampleReader.ReadInt32(frame, layout, values);
            int min = int.MaxValue, max = int.MinValue;
            foreach (int v in values)
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }

            int range = max - min + 1;
            modalityOwner = ArrayPool<double>.Shared.Rent(range);
            var modality = modalityOwner.AsSpan(0, range);
            for (int i = 0; i < range; i++) modality[i] = Modality(p, min + i);

            if (voi.NeedsRange)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                if (p.ModalityLut is null)
                {
                    // A rescale is monotonic: the extremes of the stored values give those of the modality values.
                    lo = Math.Min(modality[0], modality[range - 1]);
                    hi = Math.Max(modality[0], modality[range - 1]);
                }
                else
                {
                    tableOwner = ArrayPool<byte>.Shared.Rent(range);
                    var present = tableOwner.AsSpan(0, range);
                    present.Clear();
                    foreach (int v in values) present[v - min] = 1;
                    for (int i = 0; i < range; i++)
                    {
                        if (present[i] == 0) continue;
                        lo = Math.Min(lo, modality[i]);
                        hi = Math.Max(hi, modality[i]);
                    }
                }

                voi = voi.WithRange(lo, hi);
            }

            tableOwner ??= ArrayPool<byte>.Shared.Rent(range);
            var table = tableOwner.AsSpan(0, range);
            for (int i = 0; i < range; i++)
            {
                byte y = ToByte(voi.Apply(modality[i]));
                table[i] = invert ? (byte)(255 - y) : y;
            }

            for (int i = 0; i < n; i++) output[i] = table[values[i] - min];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(valuesOwner);
            if (modalityOwner is not null) ArrayPool<double>.Shared.Return(modalityOwner);
            if (tableOwner is not null) ArrayPool<byte>.Shared.Return(tableOwner);
        }
    }

    /// <summary>32-bit integer and float samples: evaluated per pixel.</summary>
    private static void GreyThroughDoubles(ReadOnlySpan<byte> frame, PixelLayout layout, RenderParameters p, VoiTransform voi, bool invert, byte[] output)
    {
        int n = output.Length;
        double[] owner = ArrayPool<double>.Shared.Rent(n);
        try
        {
            var values = owner.AsSpan(0, n);
            SampleReader.ReadDouble(frame, layout, values);
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double m = p.ModalityLut is { } lut
                    ? lut.Map((long)Math.Clamp(Math.Round(values[i], MidpointRounding.AwayFromZero), long.MinValue, long.MaxValue))
                    : values[i] * p.RescaleSlope + p.RescaleIntercept;
                values[i] = m;
                if (m < lo) lo = m;
                if (m > hi) hi = m;
            }

            if (voi.NeedsRange) voi = voi.WithRange(lo, hi);
            for (int i = 0; i < n; i++)
            {
                byte y = ToByte(voi.Apply(values[i]));
                output[i] = invert ? (byte)(255 - y) : y;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(owner);
        }
    }

    /// <summary>The modality transform (PS3.3 C.11.1): the Modality LUT when present, else the rescale.</summary>
    private static double Modality(RenderParameters p, long stored) =>
        p.ModalityLut is { } lut ? lut.Map(stored) : stored * p.RescaleSlope + p.RescaleIntercept;
}
