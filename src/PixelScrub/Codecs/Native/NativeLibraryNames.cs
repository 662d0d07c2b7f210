namespace PixelScrub.Codecs.Native;

/// <summary>The shared libraries PixelScrub loads at run time, and the Debian packages that provide them.</summary>
internal static class NativeLibraryNames
{
    public const string CharLs = "libcharls.so.2";
    public const string CharLsPackage = "libcharls2";
    public const string OpenJpeg = "libopenjp2.so.7";
    public const string OpenJpegPackage = "libopenjp2-7";

    /// <summary>Leptonica, Tesseract's image library, as Debian releases name it (bookworm's Tesseract 5.3 links the first).</summary>
    public static readonly string[] Leptonica = ["liblept.so.5", "libleptonica.so.6"];
    public const string LeptonicaPackage = "liblept5";
}
