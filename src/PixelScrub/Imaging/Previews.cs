using PixelScrub.Dicom.IO;
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

    /// <summary>
    /// Writes the preview set of one file into <paramref name="folder"/>: <c>NAME.original.png</c>,
    /// <c>NAME.cleaned.png</c> and <c>NAME.compare.png</c> for the chosen frame (with <c>--frame all</c> one set per
    /// frame, named <c>NAME.fNNNN.*.png</c>), and <c>NAME.cleaned.apng</c> when the image has more than one frame.
    /// </summary>
    /// <param name="frameOption">a 1-based frame number, first, middle, last or all (see <see cref="FrameChoice"/>)</param>
    /// <returns>the paths written, in order</returns>
    /// <exception cref="UnsupportedInputException">a frame cannot be rendered (the reason is one line)</exception>
    public static IReadOnlyList<string> WriteSet(string folder, string name, DicomImage original, DicomImage cleaned,
        IReadOnlyList<Region> cleanRegions, IReadOnlyList<Region> keepRegions, string label, string frameOption = "1",
        double scale = 1, IFrameDecoder? decoder = null)
    {
        if (original.FrameCount != cleaned.FrameCount || original.Layout.Rows != cleaned.Layout.Rows || original.Layout.Columns != cleaned.Layout.Columns)
            throw new ArgumentException("the cleaned image does not have the original's size and frame count", nameof(cleaned));
        var frames = FrameChoice.Resolve(frameOption, original.FrameCount);
        var written = new List<string>();
        foreach (int frame in frames)
        {
            string stem = Path.Combine(folder, frames.Count > 1 ? $"{name}.f{frame + 1:D4}" : name);
            var before = original.Render(frame, decoder: decoder);
            var after = cleaned.Render(frame, decoder: decoder);
            Add(written, stem + ".original.png", p => SavePng(p, ImageScaler.Scale(before, scale)));
            Add(written, stem + ".cleaned.png", p => SavePng(p, ImageScaler.Scale(after, scale)));
            string frameLabel = original.FrameCount > 1 ? $"{label}{(label.Length > 0 ? "\n" : "")}frame {frame + 1} of {original.FrameCount}" : label;
            Add(written, stem + ".compare.png", p => SaveCompare(p, before, after, cleanRegions, keepRegions, frameLabel, scale));
        }

        if (cleaned.FrameCount > 1)
            Add(written, Path.Combine(folder, name + ".cleaned.apng"), p => SaveAnimation(p, cleaned, AnimationFormat.Apng, scale, decoder));
        return written;
    }

    private static void Add(List<string> written, string path, Action<string> write)
    {
        write(path);
        written.Add(path);
    }

    /// <summary>Composes and writes the before/after comparison of one frame.</summary>
    public static void SaveCompare(string path, RenderedImage original, RenderedImage cleaned, IReadOnlyList<Region> cleanRegions,
        IReadOnlyList<Region> keepRegions, string label, double scale = 1) =>
        PngWriter.Save(path, CompareImage.Compose(original, cleaned, cleanRegions, keepRegions, label, scale));
}
