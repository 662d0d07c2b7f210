namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// A Huffman table prepared for encoding: code and length per symbol (EHUFCO / EHUFSI, T.81 C.3).
/// A symbol the table lacks has length 0.
/// </summary>
internal sealed class JpegHuffmanEncodeTable
{
    private readonly ushort[] _codes = new ushort[256];
    private readonly byte[] _sizes = new byte[256];

    public JpegHuffmanEncodeTable(JpegHuffmanSpec spec)
    {
        Spec = spec;
        int n = spec.Values.Length;
        Span<byte> sizes = stackalloc byte[256];
        Span<ushort> codes = stackalloc ushort[256];
        spec.GenerateCodes(sizes, codes);
        for (int i = 0; i < n; i++)
        {
            byte symbol = spec.Values[i];
            // A symbol listed twice keeps its first (shortest) code; decoders accept either.
            if (_sizes[symbol] != 0) continue;
            _codes[symbol] = codes[i];
            _sizes[symbol] = sizes[i];
        }
    }

    public JpegHuffmanSpec Spec { get; }

    public bool Contains(int symbol) => _sizes[symbol] != 0;

    public int CodeOf(int symbol) => _codes[symbol];

    public int SizeOf(int symbol) => _sizes[symbol];
}
