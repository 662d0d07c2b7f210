namespace PixelScrub.Codecs.JpegLossless;

/// <summary>Facts of the JPEG Lossless transfer syntaxes (PS3.5 A.4.1, 10.2; T.81 process 14).</summary>
internal static class JpegLossless
{
    /// <summary>JPEG Lossless, Non-Hierarchical (Process 14): any predictor.</summary>
    public const string Process14Uid = "1.2.840.10008.1.2.4.57";

    /// <summary>JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1).</summary>
    public const string SelectionValue1Uid = "1.2.840.10008.1.2.4.70";
}
