using System.Buffers.Binary;
using PixelScrub.Cleaning;
using PixelScrub.Masks;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Cleaning;

public class OverlayCleanerTests
{
    private static bool Bit(ReadOnlySpan<byte> data, long k) => ((data[(int)(k >> 3)] >> (int)(k & 7)) & 1) != 0;

    [Theory]
    [InlineData(1, 1)]      // overlay on the image's top left corner
    [InlineData(4, 7)]      // shifted: overlay pixel (0,0) on image pixel (6,3)
    [InlineData(-2, -5)]    // starts above and left of the image
    [InlineData(30, 30)]    // starts past the image: nothing under the mask
    public void Clears_only_overlay_bits_under_the_clean_regions(int originRow, int originColumn)
    {
        const int imageColumns = 40, imageRows = 25, rows = 13, columns = 19, frames = 3;
        var ops = new MaskOperation[]
        {
            new(MaskValue.Clean, new Region(5, 2, 30, 12)),
            new(MaskValue.Keep, new Region(8, 5, 11, 7)),
        };
        var mask = new PixelMask(imageColumns, imageRows, ops);
        var original = new byte[(rows * columns * frames + 7) / 8];
        new Random(originRow * 100 + originColumn).NextBytes(original);
        var data = (byte[])original.Clone();

        long cleared = OverlayCleaner.Clean(data, rows, columns, originRow, originColumn, frames, mask);

        long expectedCleared = 0;
        for (int f = 0; f < frames; f++)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    long k = (long)f * rows * columns + r * columns + c;
                    int x = originColumn - 1 + c, y = originRow - 1 + r;
                    bool under = x >= 0 && y >= 0 && x < imageColumns && y < imageRows && mask.IsClean(x, y);
                    if (under)
                    {
                        expectedCleared++;
                        Assert.False(Bit(data, k), $"frame {f} overlay ({c},{r}) still set");
                    }
                    else
                    {
                        Assert.True(Bit(original, k) == Bit(data, k), $"frame {f} overlay ({c},{r}) changed");
                    }
                }
            }
        }

        // The padding bits after the last frame are not overlay pixels and stay as they were.
        for (long k = (long)rows * columns * frames; k < original.Length * 8L; k++) Assert.True(Bit(original, k) == Bit(data, k));
        Assert.Equal(expectedCleared, cleared);
    }

    [Fact]
    public void Big_endian_words_are_cleaned_in_their_own_byte_order()
    {
        var mask = new PixelMask(32, 2, [new(MaskValue.Clean, new Region(0, 0, 4, 1))]);
        // Little endian stream: first word 0xFFFF. In big endian OW the same words are byte-swapped.
        var little = new byte[8];
        Array.Fill(little, (byte)0xFF);
        var big = (byte[])little.Clone();

        OverlayCleaner.Clean(little, 2, 32, 1, 1, 1, mask);
        OverlayCleaner.Clean(big, 2, 32, 1, 1, 1, mask, bigEndianWords: true);

        Assert.Equal(0xFFF0, BinaryPrimitives.ReadUInt16LittleEndian(little));
        Assert.Equal(0xFFF0, BinaryPrimitives.ReadUInt16BigEndian(big));
        Assert.True(little.AsSpan(2).SequenceEqual(big.AsSpan(2)));
    }

    [Fact]
    public void Overlay_data_shorter_than_declared_throws()
    {
        var mask = new PixelMask(10, 10, [MaskOperation.CleanAll]);
        var data = new byte[12];
        var ex = Assert.Throws<DicomFormatException>(() => OverlayCleaner.Clean(data, 10, 10, 1, 1, 1, mask));
        Assert.Equal(0x60003000u, ex.Tag);
        Assert.Throws<DicomFormatException>(() => OverlayCleaner.Clean(data, 0, 10, 1, 1, 1, mask));
    }

    [Fact]
    public void Corpus_overlay_graphics_in_a_band_are_cleared()
    {
        // pydicom's examples_overlay.dcm (Explicit VR Little Endian): a 300x484 Siemens graphics overlay at
        // origin 1\1 (dcmdump shows 6000,0010/0011/0050). Its Overlay Data follows the tag bytes
        // 00 60 00 30 'OW' 00 00 and a 4-byte length.
        var file = File.ReadAllBytes(SharedFiles.Corpus("pydicom/examples_overlay.dcm"));
        int at = file.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x00, 0x60, 0x00, 0x30, (byte)'O', (byte)'W', 0, 0]);
        Assert.True(at > 0, "Overlay Data element not found");
        int length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 8));
        Assert.Equal((300 * 484 + 7) / 8, length);
        var original = file.AsSpan(at + 12, length).ToArray();
        var data = (byte[])original.Clone();
        var band = new Region(0, 140, 484, 180);

        long cleared = OverlayCleaner.Clean(data, 300, 484, 1, 1, 1, new PixelMask(484, 300, [new(MaskValue.Clean, band)]));

        Assert.Equal(484 * 40, cleared);
        int setBefore = 0, setAfter = 0;
        for (long k = 0; k < 300 * 484; k++)
        {
            int y = (int)(k / 484);
            bool inBand = y >= band.Y0 && y < band.Y1;
            if (inBand)
            {
                if (Bit(original, k)) setBefore++;
                if (Bit(data, k)) setAfter++;
            }
            else
            {
                Assert.True(Bit(original, k) == Bit(data, k));
            }
        }

        Assert.True(setBefore > 0, "the band should hold overlay graphics in this file");
        Assert.Equal(0, setAfter);
    }
}
