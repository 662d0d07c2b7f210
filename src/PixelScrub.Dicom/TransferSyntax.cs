namespace PixelScrub.Dicom;

/// <summary>
/// A transfer syntax (PS3.5 10, PS3.6 Annex A): a closed set of known instances carrying their facts. Unknown
/// UIDs read as explicit VR little endian, encapsulated, so their pixel data is never mistaken for native.
/// </summary>
public sealed class TransferSyntax
{
    private TransferSyntax(string uid, string name, bool explicitVR = true, bool bigEndian = false, bool deflated = false,
        bool encapsulated = true, bool lossy = false, bool known = true)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
        IsLossy = lossy;
        IsKnown = known;
    }

    public string Uid { get; }
    public string Name { get; }
    public bool IsExplicitVR { get; }
    public bool IsBigEndian { get; }
    public bool IsDeflated { get; }

    /// <summary>Pixel data is a sequence of fragments (PS3.5 A.4).</summary>
    public bool IsEncapsulated { get; }

    /// <summary>The compression may lose information.</summary>
    public bool IsLossy { get; }

    /// <summary>False for a UID PixelScrub does not recognise.</summary>
    public bool IsKnown { get; }

    public static readonly TransferSyntax ImplicitVRLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", explicitVR: false, encapsulated: false);
    public static readonly TransferSyntax ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", encapsulated: false);
    public static readonly TransferSyntax EncapsulatedUncompressed = new("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian");
    public static readonly TransferSyntax DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", deflated: true, encapsulated: false);
    public static readonly TransferSyntax ExplicitVRBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", bigEndian: true, encapsulated: false);
    public static readonly TransferSyntax JpegBaseline = new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", lossy: true);
    public static readonly TransferSyntax JpegExtended = new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", lossy: true);
    public static readonly TransferSyntax JpegExtended35 = new("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 & 5) (retired)", lossy: true);
    public static readonly TransferSyntax JpegSpectral68 = new("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (retired)", lossy: true);
    public static readonly TransferSyntax JpegSpectral79 = new("1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9) (retired)", lossy: true);
    public static readonly TransferSyntax JpegFullProgression1012 = new("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired)", lossy: true);
    public static readonly TransferSyntax JpegFullProgression1113 = new("1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 & 13) (retired)", lossy: true);
    public static readonly TransferSyntax JpegLossless = new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
    public static readonly TransferSyntax JpegLossless15 = new("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15) (retired)");
    public static readonly TransferSyntax JpegLosslessSV1 = new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])");
    public static readonly TransferSyntax JpegLSLossless = new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression");
    public static readonly TransferSyntax JpegLSNearLossless = new("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", lossy: true);
    public static readonly TransferSyntax Jpeg2000Lossless = new("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)");
    public static readonly TransferSyntax Jpeg2000 = new("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", lossy: true);
    public static readonly TransferSyntax Jpeg2000Part2Lossless = new("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)");
    public static readonly TransferSyntax Jpeg2000Part2 = new("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", lossy: true);
    public static readonly TransferSyntax Jpip = new("1.2.840.10008.1.2.4.94", "JPIP Referenced", lossy: true);
    public static readonly TransferSyntax JpipDeflate = new("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", lossy: true);
    public static readonly TransferSyntax Mpeg2Main = new("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", lossy: true);
    public static readonly TransferSyntax Mpeg2MainF = new("1.2.840.10008.1.2.4.100.1", "Fragmentable MPEG2 Main Profile / Main Level", lossy: true);
    public static readonly TransferSyntax Mpeg2High = new("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", lossy: true);
    public static readonly TransferSyntax Mpeg2HighF = new("1.2.840.10008.1.2.4.101.1", "Fragmentable MPEG2 Main Profile / High Level", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp41 = new("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp41F = new("1.2.840.10008.1.2.4.102.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp41Bd = new("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp41BdF = new("1.2.840.10008.1.2.4.103.1", "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp422D = new("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile For 2D Video", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp422DF = new("1.2.840.10008.1.2.4.104.1", "Fragmentable MPEG-4 AVC/H.264 High Profile For 2D Video", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp423D = new("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile For 3D Video", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp423DF = new("1.2.840.10008.1.2.4.105.1", "Fragmentable MPEG-4 AVC/H.264 High Profile For 3D Video", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp42Stereo = new("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", lossy: true);
    public static readonly TransferSyntax Mpeg4Hp42StereoF = new("1.2.840.10008.1.2.4.106.1", "Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", lossy: true);
    public static readonly TransferSyntax Hevc = new("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", lossy: true);
    public static readonly TransferSyntax Hevc10 = new("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", lossy: true);
    public static readonly TransferSyntax HtJ2kLossless = new("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)");
    public static readonly TransferSyntax HtJ2kLosslessRpcl = new("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)");
    public static readonly TransferSyntax HtJ2k = new("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", lossy: true);
    public static readonly TransferSyntax JpegXLLossless = new("1.2.840.10008.1.2.4.110", "JPEG XL Lossless");
    public static readonly TransferSyntax JpegXLRecompression = new("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", lossy: true);
    public static readonly TransferSyntax JpegXL = new("1.2.840.10008.1.2.4.112", "JPEG XL", lossy: true);
    public static readonly TransferSyntax RleLossless = new("1.2.840.10008.1.2.5", "RLE Lossless");
    public static readonly TransferSyntax SmpteSt211020 = new("1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video", lossy: false);
    public static readonly TransferSyntax SmpteSt211020I = new("1.2.840.10008.1.2.7.2", "SMPTE ST 2110-20 Uncompressed Interlaced Active Video", lossy: false);
    public static readonly TransferSyntax SmpteSt211030 = new("1.2.840.10008.1.2.7.3", "SMPTE ST 2110-30 PCM Digital Audio", lossy: false);

    private static readonly Dictionary<string, TransferSyntax> Known = typeof(TransferSyntax)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(TransferSyntax))
        .Select(f => (TransferSyntax)f.GetValue(null)!)
        .ToDictionary(t => t.Uid, StringComparer.Ordinal);

    /// <summary>All transfer syntaxes PixelScrub recognises.</summary>
    public static IEnumerable<TransferSyntax> All => Known.Values;

    /// <summary>The known syntax for a UID, or an unknown one treated as encapsulated explicit VR LE.</summary>
    public static TransferSyntax FromUid(string uid)
    {
        uid = uid.TrimEnd('\0', ' ');
        return Known.TryGetValue(uid, out var ts) ? ts : new TransferSyntax(uid, $"Unknown transfer syntax {uid}", known: false);
    }

    public override string ToString() => $"{Name} ({Uid})";
}
