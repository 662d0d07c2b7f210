namespace PixelScrub.Codecs.Jpeg;

/// <summary>JPEG marker codes (the byte after 0xFF), T.81 Table B.1, and what each frame marker means.</summary>
internal static class JpegMarker
{
    public const byte Sof0 = 0xC0;   // baseline DCT
    public const byte Sof1 = 0xC1;   // extended sequential DCT, Huffman
    public const byte Sof2 = 0xC2;   // progressive DCT, Huffman
    public const byte Sof3 = 0xC3;   // lossless, Huffman
    public const byte Dht = 0xC4;
    public const byte Dac = 0xCC;    // arithmetic conditioning
    public const byte Rst0 = 0xD0;
    public const byte Rst7 = 0xD7;
    public const byte Soi = 0xD8;
    public const byte Eoi = 0xD9;
    public const byte Sos = 0xDA;
    public const byte Dqt = 0xDB;
    public const byte Dnl = 0xDC;
    public const byte Dri = 0xDD;
    public const byte Dhp = 0xDE;
    public const byte Exp = 0xDF;
    public const byte App0 = 0xE0;
    public const byte App14 = 0xEE;
    public const byte App15 = 0xEF;
    public const byte Com = 0xFE;
    public const byte Tem = 0x01;

    /// <summary>True for SOF0..SOF15 (0xC0..0xCF except DHT 0xC4, JPG 0xC8 and DAC 0xCC).</summary>
    public static bool IsStartOfFrame(byte marker) =>
        marker >= 0xC0 && marker <= 0xCF && marker != Dht && marker != 0xC8 && marker != Dac;

    public static bool IsRestart(byte marker) => marker >= Rst0 && marker <= Rst7;

    /// <summary>Markers that stand alone, without a length field (T.81 B.1.1.3).</summary>
    public static bool IsStandalone(byte marker) => marker == Soi || marker == Eoi || IsRestart(marker) || marker == Tem;

    /// <summary>The coding process a SOFn marker declares (T.81 Table B.1), for messages.</summary>
    public static string ProcessName(byte marker) => marker switch
    {
        0xC0 => "baseline sequential DCT",
        0xC1 => "extended sequential DCT (Huffman)",
        0xC2 => "progressive DCT (Huffman)",
        0xC3 => "lossless (Huffman)",
        0xC5 => "differential sequential DCT (hierarchical, Huffman)",
        0xC6 => "differential progressive DCT (hierarchical, Huffman)",
        0xC7 => "differential lossless (hierarchical, Huffman)",
        0xC9 => "extended sequential DCT (arithmetic)",
        0xCA => "progressive DCT (arithmetic)",
        0xCB => "lossless (arithmetic)",
        0xCD => "differential sequential DCT (hierarchical, arithmetic)",
        0xCE => "differential progressive DCT (hierarchical, arithmetic)",
        0xCF => "differential lossless (hierarchical, arithmetic)",
        _ => $"marker 0xFF{marker:X2}",
    };
}
