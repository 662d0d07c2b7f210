namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// A frame header (T.81 B.2.2) with the MCU geometry derived from it (T.81 A.1.1, A.2). For DCT processes the
/// data unit is an 8x8 block; for lossless (SOF3) it is one sample, and the same geometry holds with unit 1.
/// </summary>
internal sealed class JpegFrame
{
    public JpegFrame(byte marker, int precision, int width, int height, JpegComponent[] components, long offset)
    {
        Marker = marker;
        Precision = precision;
        Width = width;
        Height = height;
        Components = components;
        Offset = offset;
        foreach (var c in components)
        {
            HMax = Math.Max(HMax, c.H);
            VMax = Math.Max(VMax, c.V);
        }

        if (height > 0) SetHeight(height);
    }

    /// <summary>The SOFn marker byte (0xC0, 0xC1 or 0xC3 for frames we decode).</summary>
    public byte Marker { get; }

    /// <summary>Sample precision P in bits.</summary>
    public int Precision { get; }

    /// <summary>Samples per line X.</summary>
    public int Width { get; }

    /// <summary>Number of lines Y; 0 until a DNL segment defines it (T.81 B.2.5).</summary>
    public int Height { get; private set; }

    public JpegComponent[] Components { get; }

    /// <summary>Byte offset of the SOF marker in the code stream.</summary>
    public long Offset { get; }

    public int HMax { get; }
    public int VMax { get; }

    /// <summary>True for SOF3 (lossless); the data unit is then one sample, not an 8x8 block.</summary>
    public bool IsLossless => Marker == JpegMarker.Sof3;

    /// <summary>Samples per side of a data unit: 8 for DCT, 1 for lossless.</summary>
    public int DataUnitSize => IsLossless ? 1 : 8;

    /// <summary>MCUs per line of an interleaved scan: ceil(X / (unit * Hmax)).</summary>
    public int McusPerLine { get; private set; }

    /// <summary>MCU rows of an interleaved scan: ceil(Y / (unit * Vmax)).</summary>
    public int McusPerColumn { get; private set; }

    /// <summary>The pixel width of an MCU of an interleaved scan.</summary>
    public int McuWidth => DataUnitSize * HMax;

    /// <summary>The pixel height of an MCU of an interleaved scan.</summary>
    public int McuHeight => DataUnitSize * VMax;

    public JpegComponent? FindComponent(byte id)
    {
        foreach (var c in Components)
        {
            if (c.Id == id) return c;
        }

        return null;
    }

    /// <summary>Sets the number of lines (from the frame header or from DNL) and derives the geometry.</summary>
    internal void SetHeight(int height)
    {
        Height = height;
        int unit = DataUnitSize;
        McusPerLine = (Width + unit * HMax - 1) / (unit * HMax);
        McusPerColumn = (height + unit * VMax - 1) / (unit * VMax);
        foreach (var c in Components)
        {
            c.SetGeometry(Width, height, HMax, VMax, McusPerLine, McusPerColumn, unit);
        }
    }
}
