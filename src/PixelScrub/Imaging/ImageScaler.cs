namespace PixelScrub.Imaging;

/// <summary>Resizes rendered images: nearest neighbour to enlarge, box (area average) to shrink.</summary>
internal static class ImageScaler
{
    /// <summary>The size of an image of <paramref name="size"/> pixels scaled by <paramref name="factor"/> (at least 1).</summary>
    public static int ScaledSize(int size, double factor) => Math.Max(1, (int)Math.Round(size * factor, MidpointRounding.AwayFromZero));

    /// <summary>A scaled copy (the same instance when the factor is 1).</summary>
    public static RenderedImage Scale(RenderedImage image, double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor) || factor > 64)
            throw new ArgumentOutOfRangeException(nameof(factor), "scale factor in (0, 64]");
        if (factor == 1) return image;
        int width = ScaledSize(image.Width, factor), height = ScaledSize(image.Height, factor);
        return factor > 1 ? Nearest(image, width, height) : Box(image, width, height);
    }

    /// <summary>Nearest neighbour: output pixel x takes source pixel floor(x * sourceWidth / width).</summary>
    public static RenderedImage Nearest(RenderedImage image, int width, int height)
    {
        int c = image.Channels;
        var result = new RenderedImage(width, height, c);
        Span<int> sourceX = width <= 4096 ? stackalloc int[width] : new int[width];
        for (int x = 0; x < width; x++) sourceX[x] = (int)((long)x * image.Width / width);
        var src = image.Pixels.AsSpan();
        var dst = result.Pixels.AsSpan();
        for (int y = 0; y < height; y++)
        {
            int sy = (int)((long)y * image.Height / height);
            var srcRow = src.Slice(sy * image.Stride, image.Stride);
            var dstRow = dst.Slice(y * result.Stride, result.Stride);
            if (c == 1)
            {
                for (int x = 0; x < width; x++) dstRow[x] = srcRow[sourceX[x]];
            }
            else
            {
                for (int x = 0; x < width; x++) srcRow.Slice(sourceX[x] * 3, 3).CopyTo(dstRow.Slice(x * 3, 3));
            }
        }

        return result;
    }

    /// <summary>Box filter: each output pixel is the rounded mean of the source pixels that map into it.</summary>
    public static RenderedImage Box(RenderedImage image, int width, int height)
    {
        if (width > image.Width || height > image.Height) throw new ArgumentException("a box filter only shrinks");
        int c = image.Channels;
        var result = new RenderedImage(width, height, c);
        var src = image.Pixels.AsSpan();
        var dst = result.Pixels.AsSpan();
        Span<int> sums = stackalloc int[3];
        for (int y = 0; y < height; y++)
        {
            int y0 = (int)((long)y * image.Height / height), y1 = (int)((long)(y + 1) * image.Height / height);
            for (int x = 0; x < width; x++)
            {
                int x0 = (int)((long)x * image.Width / width), x1 = (int)((long)(x + 1) * image.Width / width);
                sums.Clear();
                for (int sy = y0; sy < y1; sy++)
                {
                    var row = src.Slice(sy * image.Stride);
                    for (int sx = x0; sx < x1; sx++)
                        for (int k = 0; k < c; k++) sums[k] += row[sx * c + k];
                }

                int count = (y1 - y0) * (x1 - x0);
                for (int k = 0; k < c; k++) dst[(y * width + x) * c + k] = (byte)((sums[k] + count / 2) / count);
            }
        }

        return result;
    }
}
