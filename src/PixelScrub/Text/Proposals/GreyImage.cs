namespace PixelScrub.Text.Proposals;

/// <summary>An 8-bit grey image, one byte per pixel, rows back to back (a rendered frame, colour as its brightest channel, or an overlay plane).</summary>
internal sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>
    /// A rendered image as grey (grey as is; RGB as its brightest channel). Annotations are often drawn in saturated
    /// colours over a grey image: by luminance green text is 150 and hides among speckle up to 190, by its brightest
    /// channel it is 255 like white. Grey pixels keep their value either way.
    /// </summary>
    public static GreyImage From(Imaging.RenderedImage image)
    {
        if (image.Channels == 1) return new GreyImage(image.Width, image.Height, image.Pixels);
        var grey = GC.AllocateUninitializedArray<byte>(image.Width * image.Height);
        var src = image.Pixels;
        for (int i = 0, j = 0; i < grey.Length; i++, j += 3)
            grey[i] = Math.Max(src[j], Math.Max(src[j + 1], src[j + 2]));
        return new GreyImage(image.Width, image.Height, grey);
    }
}
