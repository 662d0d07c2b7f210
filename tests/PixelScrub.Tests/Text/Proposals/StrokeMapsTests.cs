using PixelScrub.Text.Proposals;

namespace PixelScrub.Tests.Text.Proposals;

/// <summary>The proposer's stroke maps, 16 pixels at a time, equal the pixel-at-a-time maps on any frame.</summary>
public sealed class StrokeMapsTests
{
    private static byte[][] Maps(GreyImage image, bool vector)
    {
        int n = image.Width * image.Height;
        var maps = new[] { new byte[n], new byte[n], new byte[n], new byte[n] };
        TextProposer.StrokeMaps(image, maps[0], maps[1], maps[2], maps[3], vector);
        return maps;
    }

    [Theory]
    [InlineData(5, 5, 1)]
    [InlineData(16, 40, 2)]
    [InlineData(31, 31, 3)]
    [InlineData(47, 33, 4)]
    [InlineData(63, 70, 5)]
    [InlineData(200, 64, 6)]
    [InlineData(1024, 48, 7)]
    public void Vector_and_scalar_maps_are_equal(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        random.NextBytes(pixels);
        // Black and white pixels scattered through the noise stand out at both contrasts, in both polarities: every map
        // gets strokes and gaps (asserted below), so the vector and scalar comparisons both meet both outcomes.
        for (int i = 0; i < pixels.Length; i += 1 + random.Next(7)) pixels[i] = (byte)(random.Next(2) * 255);
        var image = new GreyImage(width, height, pixels);
        var vector = Maps(image, vector: true);
        var scalar = Maps(image, vector: false);
        for (int m = 0; m < 4; m++)
        {
            Assert.Equal(scalar[m], vector[m]);
            Assert.Contains((byte)1, scalar[m]);
            Assert.Contains((byte)0, scalar[m]);
        }
    }

    [Fact]
    public void Vector_and_scalar_maps_are_equal_on_a_real_ultrasound()
    {
        using var file = PixelScrub.Dicom.DicomFile.Open(Support.SharedFiles.Corpus("deid-data/ultrasounds/RGB_IMAGE.dcm"));
        var image = GreyImage.From(PixelScrub.Imaging.DicomImage.FromFile(file).Render(0));
        var vector = Maps(image, vector: true);
        var scalar = Maps(image, vector: false);
        for (int m = 0; m < 4; m++) Assert.Equal(scalar[m], vector[m]);
    }
}
