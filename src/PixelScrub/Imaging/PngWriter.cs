using System.IO.Compression;
using PixelScrub.Dicom.IO;

namespace PixelScrub.Imaging;

/// <summary>Writes a rendered image as a PNG (8-bit grey or 8-bit RGB, non-interlaced).</summary>
internal static class PngWriter
{
    public static void Write(Stream output, RenderedImage image, CompressionLevel level = CompressionLevel.Fastest)
    {
        PngEncoder.WriteHeader(output, image.Width, image.Height, image.Channels);
        PngEncoder.WriteImageData(output, image, level, nextSequence: null);
        PngEncoder.WriteEnd(output);
    }

    /// <summary>Writes the PNG to a temporary file beside <paramref name="path"/> and renames it into place.</summary>
    public static void Save(string path, RenderedImage image, CompressionLevel level = CompressionLevel.Fastest) =>
        AtomicFile.Write(path, stream => Write(stream, image, level));
}
