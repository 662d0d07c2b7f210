namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// One image component of a frame (T.81 B.2.2) with its block geometry (T.81 A.1.1). Blocks are counted two
/// ways: the blocks that cover the component's own samples (what a non-interleaved scan codes) and the blocks
/// of the MCU grid (what an interleaved scan codes, including padding blocks past the right and bottom edges).
/// </summary>
internal sealed class JpegComponent
{
    public JpegComponent(int index, byte id, int h, int v, int quantTable)
    {
        Index = index;
        Id = id;
        H = h;
        V = v;
        QuantTable = quantTable;
    }

    /// <summary>Position of the component in the frame header (0-based).</summary>
    public int Index { get; }

    /// <summary>Component identifier Ci.</summary>
    public byte Id { get; }

    /// <summary>Horizontal sampling factor Hi (1..4).</summary>
    public int H { get; }

    /// <summary>Vertical sampling factor Vi (1..4).</summary>
    public int V { get; }

    /// <summary>Quantization table selector Tqi (0..3).</summary>
    public int QuantTable { get; }

    /// <summary>Samples per line xi = ceil(X * Hi / Hmax) (T.81 A.1.1).</summary>
    public int Width { get; private set; }

    /// <summary>Lines yi = ceil(Y * Vi / Vmax) (T.81 A.1.1).</summary>
    public int Height { get; private set; }

    /// <summary>Blocks per line that cover the samples: ceil(xi / 8). A non-interleaved scan codes these.</summary>
    public int WidthInBlocks { get; private set; }

    /// <summary>Block rows that cover the samples: ceil(yi / 8).</summary>
    public int HeightInBlocks { get; private set; }

    /// <summary>Blocks per line in the MCU grid: McusPerLine * Hi (>= WidthInBlocks). The stride of block storage.</summary>
    public int BlocksPerLine { get; private set; }

    /// <summary>Block rows in the MCU grid: McusPerColumn * Vi (>= HeightInBlocks).</summary>
    public int BlocksPerColumn { get; private set; }

    internal void SetGeometry(int x, int y, int hMax, int vMax, int mcusPerLine, int mcusPerColumn, int unit)
    {
        Width = (int)(((long)x * H + hMax - 1) / hMax);
        Height = (int)(((long)y * V + vMax - 1) / vMax);
        WidthInBlocks = (Width + unit - 1) / unit;
        HeightInBlocks = (Height + unit - 1) / unit;
        BlocksPerLine = mcusPerLine * H;
        BlocksPerColumn = mcusPerColumn * V;
    }
}
