using System.Globalization;

namespace PixelScrub.Imaging;

/// <summary>Parses the preview frame option: a 1-based frame number, "first", "middle", "last" or "all".</summary>
internal static class FrameChoice
{
    /// <summary>The zero-based frames the option selects.</summary>
    /// <exception cref="ArgumentException">the option is not understood or the frame does not exist</exception>
    public static IReadOnlyList<int> Resolve(string option, int frameCount)
    {
        if (frameCount < 1) throw new ArgumentOutOfRangeException(nameof(frameCount));
        switch (option.Trim().ToLowerInvariant())
        {
            case "first": return [0];
            case "middle": return [frameCount / 2];
            case "last": return [frameCount - 1];
            case "all":
                var all = new int[frameCount];
                for (int i = 0; i < frameCount; i++) all[i] = i;
                return all;
        }

        if (int.TryParse(option.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            if (n < 1 || n > frameCount) throw new ArgumentException($"frame {n} does not exist: the image has {frameCount} frame(s)", nameof(option));
            return [n - 1];
        }

        throw new ArgumentException($"frame option '{option}': use a number from 1, first, middle, last or all", nameof(option));
    }
}
