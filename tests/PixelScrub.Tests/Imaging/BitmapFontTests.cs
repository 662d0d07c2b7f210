using PixelScrub.Imaging;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Imaging;

public sealed class BitmapFontTests
{
    [Fact]
    public void GlyphsAreDrawnRowByRow()
    {
        var buffer = new byte[5 * 7];
        BitmapFont.DrawText<byte>(buffer, 5, 7, 5, 1, 0, 0, "H", [255], 1);
        string[] expected = ["#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"];
        for (int row = 0; row < 7; row++)
        {
            string actual = new(buffer.Skip(row * 5).Take(5).Select(b => b == 255 ? '#' : '.').ToArray());
            Assert.Equal(expected[row], actual);
        }
    }

    [Fact]
    public void EveryPrintableCharacterHasItsOwnGlyph()
    {
        var seen = new Dictionary<string, char>();
        for (char c = ' '; c <= '~'; c++)
        {
            var bits = new System.Text.StringBuilder();
            for (int row = 0; row < 7; row++)
                for (int column = 0; column < 5; column++) bits.Append(BitmapFont.IsSet(c, column, row) ? '1' : '0');
            string key = bits.ToString();
            Assert.True(c == ' ' || key.Contains('1'), $"glyph '{c}' is empty");
            Assert.False(seen.TryGetValue(key, out char other), $"'{c}' looks like '{other}'");
            seen[key] = c;
        }

        // Outside ASCII 32..126 the '?' glyph is drawn.
        for (int row = 0; row < 7; row++)
            for (int column = 0; column < 5; column++)
                Assert.Equal(BitmapFont.IsSet('?', column, row), BitmapFont.IsSet('é', column, row));
    }

    [Fact]
    public void ScaledTextIsTheUnscaledTextWithBlocks()
    {
        const string text = "Az9\n#q";
        var (w1, h1) = BitmapFont.Measure(text, 1);
        var (w3, h3) = BitmapFont.Measure(text, 3);
        Assert.Equal((17, 16), (w1, h1));
        Assert.Equal((w1 * 3, h1 * 3), (w3, h3));
        var small = new byte[w1 * h1];
        var big = new byte[w3 * h3];
        BitmapFont.DrawText<byte>(small, w1, h1, w1, 1, 0, 0, text, [200], 1);
        BitmapFont.DrawText<byte>(big, w3, h3, w3, 1, 0, 0, text, [200], 3);
        for (int y = 0; y < h3; y++)
            for (int x = 0; x < w3; x++) Assert.Equal(small[(y / 3) * w1 + x / 3], big[y * w3 + x]);
    }

    [Fact]
    public void DrawsInto16BitAndRgbBuffersWithAStride()
    {
        // 16-bit signed grey, 10 wide in a 16-sample stride: padding samples stay untouched.
        var grey = new short[16 * 9];
        Array.Fill(grey, (short)-5);
        BitmapFont.DrawText<short>(grey, 10, 9, 16, 1, 1, 1, "I", [short.MaxValue], 1);
        Assert.Equal(short.MaxValue, grey[1 * 16 + 2]); // top bar of 'I' (".###." at x = 1)
        Assert.Equal(-5, grey[1 * 16 + 1]);
        for (int y = 0; y < 9; y++)
            for (int x = 10; x < 16; x++) Assert.Equal(-5, grey[y * 16 + x]);
        Assert.Equal(5, grey.Count(v => v == short.MaxValue) - 6); // 'I' has 11 pixels: 3 + 5 + 3

        var rgb = new RenderedImage(12, 8, 3);
        BitmapFont.DrawText(rgb, 0, 0, "-", Rgb.Red, 1);
        Assert.Equal(new byte[] { 255, 0, 0 }, rgb.Pixels.AsSpan((3 * 12 + 0) * 3, 3).ToArray());
        Assert.Equal(5, rgb.Pixels.Count(b => b == 255));

        var greyImage = new RenderedImage(12, 8, 1);
        BitmapFont.DrawText(greyImage, 0, 0, "-", Rgb.White, 1);
        Assert.Equal(5, greyImage.Pixels.Count(b => b == 255));
    }

    [Fact]
    public void TextRunningOffTheEdgesIsClipped()
    {
        var buffer = new byte[8 * 8];
        BitmapFont.DrawText<byte>(buffer, 8, 8, 8, 1, -3, -4, "WW", [1], 2);
        BitmapFont.DrawText<byte>(buffer, 8, 8, 8, 1, 6, 6, "MM\nMM", [1], 3);
        BitmapFont.DrawText<byte>(buffer, 8, 8, 8, 1, 1000, -1000, "far away", [1], 1);
        Assert.Contains((byte)1, buffer);
        Assert.Throws<ArgumentException>(() => BitmapFont.DrawText<byte>(new byte[10], 8, 8, 8, 1, 0, 0, "x", [1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitmapFont.Measure("x", 0));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TesseractReadsTheText(int scale)
    {
        // The demo burns text like this into synthetic images; an OCR engine we did not write must read it back.
        const string text = "PATIENT DOE JOHN 19570312\nDATE 2024-01-15 ACC 4417\nThe brown fox";
        var (w, h) = BitmapFont.Measure(text, scale);
        var image = new RenderedImage(w + 40, h + 40, 1);
        Array.Fill(image.Pixels, (byte)255);
        BitmapFont.DrawText(image, 20, 20, text, Rgb.Black, scale);
        string png = Path.Combine(Path.GetTempPath(), $"pixelscrub-font-{Guid.NewGuid():N}.png");
        try
        {
            PngWriter.Save(png, image);
            var (code, stdout, stderr) = ReferenceTool.Run("tesseract", [png, "stdout", "--psm", "6"]);
            Assert.True(code == 0, stderr);
            string read = string.Join("\n", stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Equal(text, read);
        }
        finally
        {
            File.Delete(png);
        }
    }
}
