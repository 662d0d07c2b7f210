using PixelScrub.Dicom.Text;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.Text;

/// <summary>
/// The JIS sets cannot be checked through DCMTK on Debian (its iconv has no ISO 2022 IR 87/159 support), so they
/// are checked against the C library's EUC-JP converter directly, one character per line.
/// </summary>
public sealed class IconvCharacterSetTests
{
    [Fact]
    public void JisX0208_AgreesWithTheCLibrary_ExceptTheNecRow13()
    {
        var set = DicomCharacterSet.Parse(["", "ISO 2022 IR 87"]);
        var theirs = IconvEucJp(jis0212: false);
        int defined = 0;
        for (int row = 0; row < 94; row++)
        {
            for (int cell = 0; cell < 94; cell++)
            {
                var ours = set.Decode([0x1B, 0x24, 0x42, (byte)(0x21 + row), (byte)(0x21 + cell)], TextKind.Text);
                var expected = theirs[row * 94 + cell];
                if (row == 12 && expected.Length == 0) continue; // row 13: NEC special characters, read leniently
                Assert.True(expected == (ours == "\uFFFD" ? "" : ours), $"JIS X 0208 {row + 1}/{cell + 1}: ours '{ours}', C library '{expected}'");
                if (expected.Length > 0) defined++;
            }
        }

        Assert.Equal(6879, defined); // JIS X 0208-1990 has 6,879 graphic characters
    }

    [Fact]
    public void JisX0212_WhereBothDefineACharacter_TheyAgree()
    {
        var set = DicomCharacterSet.Parse(["", "ISO 2022 IR 159"]);
        var theirs = IconvEucJp(jis0212: true);
        int defined = 0;
        for (int row = 0; row < 94; row++)
        {
            for (int cell = 0; cell < 94; cell++)
            {
                var ours = set.Decode([0x1B, 0x24, 0x28, 0x44, (byte)(0x21 + row), (byte)(0x21 + cell)], TextKind.Text);
                if (ours == "\uFFFD") continue;
                defined++;
                // The C library also reads vendor rows that JIS X 0212 leaves empty; those are not read here.
                Assert.True(theirs[row * 94 + cell] == ours, $"JIS X 0212 {row + 1}/{cell + 1}: ours '{ours}', C library '{theirs[row * 94 + cell]}'");
            }
        }

        Assert.Equal(6067, defined); // JIS X 0212-1990: 266 non-kanji and 5,801 kanji
    }

    /// <summary>Every row/cell of the set through `iconv -c -f EUC-JP`, one per line ("" where undefined).</summary>
    private static string[] IconvEucJp(bool jis0212)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pixelscrub-iconv-{Guid.NewGuid():N}.txt");
        try
        {
            using (var input = File.Create(path))
            {
                for (int row = 0; row < 94; row++)
                {
                    for (int cell = 0; cell < 94; cell++)
                    {
                        if (jis0212) input.WriteByte(0x8F);
                        input.WriteByte((byte)(0xA1 + row));
                        input.WriteByte((byte)(0xA1 + cell));
                        input.WriteByte((byte)'\n');
                    }
                }
            }

            var (exit, stdout, stderr) = ReferenceTool.Run("iconv", ["-c", "-f", "EUC-JP", "-t", "UTF-8", path]);
            Assert.True(exit is 0 or 1, $"iconv failed: {stderr}");
            var lines = stdout.Split('\n');
            Assert.True(lines.Length >= 94 * 94, $"iconv gave {lines.Length} lines");
            return lines;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
