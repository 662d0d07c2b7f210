using System.Diagnostics.CodeAnalysis;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>Throw helpers, so hot methods stay small.</summary>
internal static class JpegThrow
{
    [DoesNotReturn]
    public static void Format(string message, long offset) => throw new JpegFormatException(message, offset);

    [DoesNotReturn]
    public static T Format<T>(string message, long offset) => throw new JpegFormatException(message, offset);

    [DoesNotReturn]
    public static void Unsupported(string message) => throw new UnsupportedInputException(message);

    /// <summary>The message for a block that failed to decode.</summary>
    public static string Describe(JpegBlockStatus status) => status switch
    {
        JpegBlockStatus.BadDcCode => "entropy data holds a code that is not in the DC Huffman table",
        JpegBlockStatus.BadAcCode => "entropy data holds a code that is not in the AC Huffman table",
        JpegBlockStatus.BadDcCategory => "DC difference category too large for the sample precision",
        JpegBlockStatus.BadAcCoefficient => "AC coefficients run past the end of the block or are too large",
        JpegBlockStatus.DcOutOfRange => "DC coefficient out of range",
        JpegBlockStatus.MissingCode => "a Huffman table lacks a code the data needs",
        _ => "corrupt entropy data",
    };
}
