namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// The quantized DCT coefficients of one frame: per component a block grid of the MCU-grid size
/// (<see cref="JpegComponent.BlocksPerLine"/> x <see cref="JpegComponent.BlocksPerColumn"/>), each block 64
/// <c>short</c>s in NATURAL (row-major) order, coefficient (u,v) at index v*8+u. Blocks past the component's
/// own samples are the padding blocks of interleaved scans (zero when the component had its own scan).
/// Quantization tables are in natural order too.
/// </summary>
internal sealed class JpegCoefficients
{
    public JpegCoefficients(JpegFrame frame, ushort[]?[] quantTables, short[][] blocks, int restartInterval,
        bool hasJfif, int adobeTransform)
    {
        Frame = frame;
        QuantTables = quantTables;
        Blocks = blocks;
        RestartInterval = restartInterval;
        HasJfif = hasJfif;
        AdobeTransform = adobeTransform;
    }

    public JpegFrame Frame { get; }

    /// <summary>Quantization tables by slot (natural order), as the code stream defined them last.</summary>
    public ushort[]?[] QuantTables { get; }

    /// <summary>Per component (frame order), all blocks row by row; block (bx,by) starts at (by*BlocksPerLine+bx)*64.</summary>
    public short[][] Blocks { get; }

    /// <summary>The restart interval in effect for the (last) scan, in MCUs; 0 for none.</summary>
    public int RestartInterval { get; }

    public bool HasJfif { get; }

    /// <summary>Adobe APP14 transform flag, or -1 without an Adobe segment.</summary>
    public int AdobeTransform { get; }

    /// <summary>The quantization table of a component.</summary>
    public ReadOnlySpan<ushort> QuantTableOf(int component) =>
        QuantTables[Frame.Components[component].QuantTable] ?? throw new InvalidOperationException("quantization table missing");

    /// <summary>The 64 coefficients of block (bx, by) of a component.</summary>
    public Span<short> Block(int component, int bx, int by)
    {
        var c = Frame.Components[component];
        return Blocks[component].AsSpan((by * c.BlocksPerLine + bx) * 64, 64);
    }
}
