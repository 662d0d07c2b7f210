using PixelScrub.Codecs.Jpeg;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Imaging;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;
using PixelScrub.Tests.Text.Generated;
using PixelScrub.Tests.Text.Ocr;
using PixelScrub.Text;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text;

/// <summary>
/// Coloured text over a grey image is read from the frame's chroma (<see cref="ColourPlane"/>): a dark orange dot-matrix
/// date over speckle, after JPEG, whose brightness sits among the grain, is found as the study date where it is drawn
/// (without the plane none of the five seeds is). The
/// plane holds colour only: grey pixels, and the one-pixel colour fringes of sub-pixel rendered grey text, are not in it.
/// </summary>
public sealed class ColourPlaneTests
{
    private static RenderedImage Rgb(int w, int h, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var image = new RenderedImage(w, h, 3);
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            var (r, g, b) = pixel(x, y);
            int i = 3 * (y * w + x);
            (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]) = (r, g, b);
        }

        return image;
    }

    [Fact]
    public void A_grey_image_stored_as_rgb_has_no_plane()
    {
        var speckle = Speckle.Pixels(200, 100, new Random(1));
        var image = Rgb(200, 100, (x, y) => { byte v = speckle[y * 200 + x]; return (v, v, (byte)Math.Max(0, v - 3)); });
        Assert.Null(ColourPlane.Of(image));
        Assert.Null(ColourPlane.Of(new RenderedImage(200, 100, 1)));
    }

    [Fact]
    public void Sub_pixel_fringes_of_grey_text_are_not_colour()
    {
        // Vertical grey strokes (180) one pixel wide, each with a blue column left and an orange one right, on black: the
        // right-hand settings column of the corpus's RGB ultrasound.
        var image = Rgb(200, 60, (x, y) =>
        {
            if (y < 10 || y >= 50) return (0, 0, 0);
            return (x % 6) switch
            {
                2 => (0, 82, 135),
                3 => (180, 180, 180),
                4 => (135, 82, 0),
                _ => (0, 0, 0),
            };
        });
        Assert.Null(ColourPlane.Of(image));
    }

    [Fact]
    public void Orange_strokes_over_speckle_are_the_plane()
    {
        var speckle = Speckle.Pixels(200, 100, new Random(2));
        bool Stroke(int x, int y) => y is >= 40 and < 60 && x % 10 < 3 && x is >= 20 and < 180;
        var image = Rgb(200, 100, (x, y) =>
        {
            byte v = speckle[y * 200 + x];
            return Stroke(x, y) ? ((byte)250, (byte)165, (byte)10) : (v, v, v);
        });
        var plane = ColourPlane.Of(image);
        Assert.NotNull(plane);
        for (int y = 0; y < 100; y++)
        for (int x = 0; x < 200; x++)
        {
            if (Stroke(x, y)) Assert.True(plane[x, y] >= ColourPlane.ColouredFrom, $"stroke pixel ({x},{y}) is {plane[x, y]}");
            else Assert.Equal(0, plane[x, y]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void An_orange_dot_matrix_date_over_speckle_is_found_where_it_is_drawn(int seed)
    {
        // Black, with a speckled grey patch (the sector) the date lies over; dark orange dots 21 px high, whose brightest
        // channel (190) is the grain's top: by brightness the frame's reading gets junk ("35-1S-O1-", "ZELS-IQA?") or a block
        // of speckle around it.
        const int w = 640, h = 300, px0 = 120, py0 = 60, pw = 400, ph = 200;
        var patch = Speckle.Pixels(pw, ph, new Random(seed));
        var grey = new byte[w * h];
        for (int y = 0; y < ph; y++) patch.AsSpan(y * pw, pw).CopyTo(grey.AsSpan((py0 + y) * w + px0, pw));
        var ink = new byte[w * h];
        var drawn = TextInk.DrawGrey(ink, w, "2023-12-01", Face.DotMatrix, 21, 200, 140, 255);
        var rgb = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++)
        {
            float a = ink[i] / 255f;
            rgb[3 * i] = (byte)Math.Round(grey[i] + (190 - grey[i]) * a);
            rgb[3 * i + 1] = (byte)Math.Round(grey[i] + (110 - grey[i]) * a);
            rgb[3 * i + 2] = (byte)Math.Round(grey[i] + (0 - grey[i]) * a);
        }

        var ds = SyntheticImage.Header("colourplane/" + seed, "US", "1.2.840.10008.5.1.4.1.1.6.1", new Dictionary<string, string>());
        ds.SetString(new DicomTag(0x0008, 0x0020), DicomVR.DA, "20231201");
        var options = new JpegEncoderOptions { Quality = 92, Sampling = JpegChromaSampling.Horizontal };
        SyntheticImage.SetEncapsulatedPixels(ds, h, w, 3, "YBR_FULL_422", [JpegEncoder.Encode(rgb, w, h, JpegEncoderInput.Rgb, options)],
            (long)w * h * 3, "ISO_10918_1");
        ByValueReadTests.AssertFoundWhereDrawn(DicomFile.Create(ds, TransferSyntax.JpegBaseline), "StudyDate", drawn);
    }
}
