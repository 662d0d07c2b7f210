namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// The example quantisation tables of T.81 Annex K.1 (natural row-major order) and the usual 1..100 quality
/// scaling of them. (The K.3 Huffman tables are in <see cref="JpegStandardTables"/>.)
/// </summary>
internal static class JpegQuantizationTables
{
    /// <summary>T.81 Table K.1, luminance, natural (row-major) order.</summary>
    public static ReadOnlySpan<byte> LuminanceQuantization =>
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>T.81 Table K.2, chrominance, natural (row-major) order.</summary>
    public static ReadOnlySpan<byte> ChrominanceQuantization =>
    [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ];

    /// <summary>
    /// Scales a K.1/K.2 table for a quality factor 1..100 (50 = the table as printed; 100 = all ones):
    /// below 50 the scale is 5000/q percent, from 50 up it is 200 - 2q percent. Entries are clamped to
    /// 1..255 for 8-bit (Pq = 0) tables, as Baseline requires (T.81 B.2.4.1), or 1..32767 otherwise.
    /// </summary>
    public static void ScaleForQuality(ReadOnlySpan<byte> baseTable, int quality, bool eightBitEntries, Span<ushort> destination)
    {
        if (baseTable.Length != 64 || destination.Length < 64)
            throw new ArgumentException("a quantisation table has 64 entries");
        if (quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "quality is 1..100");

        int percent = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int max = eightBitEntries ? 255 : 32767;
        for (int i = 0; i < 64; i++)
        {
            int q = (baseTable[i] * percent + 50) / 100;
            destination[i] = (ushort)Math.Clamp(q, 1, max);
        }
    }
}
