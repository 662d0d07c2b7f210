namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// A scan header (T.81 B.2.3): the components it codes (in frame order), their entropy table selectors and
/// the spectral / approximation parameters (for lossless: Ss is the predictor, Al the point transform).
/// </summary>
internal sealed class JpegScan
{
    public JpegScan(JpegComponent[] components, int[] dcTables, int[] acTables, int ss, int se, int ah, int al,
        long markerOffset, long dataOffset)
    {
        Components = components;
        DcTables = dcTables;
        AcTables = acTables;
        Ss = ss;
        Se = se;
        Ah = ah;
        Al = al;
        MarkerOffset = markerOffset;
        DataOffset = dataOffset;
    }

    public JpegComponent[] Components { get; }

    /// <summary>DC (or lossless) Huffman table selector Tdj per scan component.</summary>
    public int[] DcTables { get; }

    /// <summary>AC Huffman table selector Taj per scan component.</summary>
    public int[] AcTables { get; }

    public int Ss { get; }
    public int Se { get; }
    public int Ah { get; }
    public int Al { get; }

    /// <summary>Byte offset of the SOS marker.</summary>
    public long MarkerOffset { get; }

    /// <summary>Byte offset of the first entropy-coded byte.</summary>
    public long DataOffset { get; }

    /// <summary>True when the scan has more than one component (T.81 A.2.3).</summary>
    public bool IsInterleaved => Components.Length > 1;
}
