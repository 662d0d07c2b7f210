using PixelScrub.Masks;

namespace PixelScrub.Imaging;

/// <summary>
/// What the preview command and the cleaner's SavePng / SaveAnimation call: render a frame, write it as PNG,
/// write all frames as an animation (one frame in memory at a time), write the before/after comparison.
/// Every file is written to a temporary name beside the destination and renamed into place.
/// </summary>
internal static class Previews
{
    /// <summary>Renders one frame with the file's own VOI choice (first window, else first VOI LUT, else min-max).</summary>
    public static RenderedImage Render(DicomImage image, int frame, double scale = 1, IFrameDecoder? decoder = null) =>
        ImageScaler.Scale(image.Render(frame, decoder: decoder), scale);

    public static void SavePng(string path, RenderedImage image) => PngWriter.Save(path, image);

    /// <summary>Writes every frame of the image as an animation, timed by the file's frame time.</summary>
    public static void SaveAnimation(string path, DicomImage image, AnimationFormat format, double scale = 1, IFrameDecoder? decoder = null)
    {
        double ms = image.FrameTimeMs;
        AtomicFile.Write(path, stream =>
        {
            var first = Render(image, 0, scale, decoder);
            if (format == AnimationFormat.Apng)
            {
                var writer = new ApngWriter(stream, first.Width, first.Height, first.Channels, image.FrameCount,
                    delayNumerator: (ushort)Math.Clamp(Math.Round(ms), 1, ushort.MaxValue), delayDenominator: 1000);
                writer.AddFrame(first);
                for (int f = 1; f < image.FrameCount; f++) writer.AddFrame(Render(image, f, scale, decoder));
                writer.Finish();
            }
            else
            {
                // Viewers treat GIF delays under 2/100 s as 1/10 s.
                var writer = new GifWriter(stream, first.Width, first.Height, first.Channels, animated: image.FrameCount > 1,
                    delayCentiseconds: (ushort)Math.Clamp(Math.Round(ms / 10), 2, ushort.MaxValue));
                writer.AddFrame(first);
                for (int f = 1; f < image.FrameCount; f++) writer.AddFrame(Render(image, f, scale, decoder));
                writer.Finish();
            }
        });
    }

    /// <summary>Composes and writes the before/after comparison of one frame.</summary>
    public static void SaveCompare(string path, RenderedImage original, RenderedImage cleaned, IReadOnlyList<Region> cleanRegions,
        IReadOnlyList<Region> keepRegions, string label, double scale = 1) =>
        PngWriter.Save(path, CompareImage.Compose(original, cleaned, cleanRegions, keepRegions, label, scale));
}
