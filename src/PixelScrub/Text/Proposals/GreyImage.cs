namespace PixelScrub.Text.Proposals;

/// <summary>An 8-bit grey image, one byte per pixel, rows back to back (a rendered frame's luminance or an overlay plane).</summary>
internal sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>Luminance of a rendered image (grey as is; RGB by Rec. 601 weights, in integers).</summary>
    public static GreyImage From(Imaging.RenderedImage image)
    {
        if (image.Channels == 1) return new GreyImage(image.Width, image.Height, image.Pixels);
        var grey = GC.AllocateUninitializedArray<byte>(image.Width * image.Height);
        var src = image.Pixels;
        for (int i = 0, j = 0; i < grey.Length; i++, j += 3)
            grey[i] = (byte)((src[j] * 299 + src[j + 1] * 587 + src[j + 2] * 114 + 500) / 1000);
        return new GreyImage(image.Width, image.Height, grey);
    }
}
