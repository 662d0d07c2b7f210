using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Pixels;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Cleaning;

/// <summary>Icons and overlays in cleaned files (issue 4, "other places pixels hide").</summary>
public sealed class HiddenPixelsTests
{
    /// <summary>The demo dose screen with an icon that is a copy of its (uncleaned) top-left corner, text included.</summary>
    private static DicomFile DoseWithIcon()
    {
        var ds = DemoSamples.DoseScreen();
        var pixels = ds.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        var icon = new byte[64 * 64];
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++) icon[y * 64 + x] = (byte)Math.Min(255, (pixels[(y * 512 + x) * 2] | pixels[(y * 512 + x) * 2 + 1] << 8) / 16);
        }

        var item = new DicomDataset(false, ds);
        SyntheticImage.SetPixels(item, 64, 64, 1, 8, 8, false, "MONOCHROME2", icon);
        var seq = new DicomSequence(HiddenPixels.IconImageSequence, DicomVR.SQ, false);
        seq.Items.Add(item);
        ds.Set(seq);
        var file = DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian);
        using var ms = new MemoryStream();
        DicomWriter.Write(file, ms);
        ms.Position = 0;
        return DicomFile.Read(ms);
    }

    private static readonly PixelMask TopBand = new(512, 512, [new MaskOperation(MaskValue.Clean, new Region(0, 0, 512, 110))]);

    [Fact]
    public void Icons_are_removed_from_cleaned_files_by_default()
    {
        var file = DoseWithIcon();
        Assert.Equal(1, HiddenPixels.CountIcons(file.Dataset));
        var result = DicomCleaner.CleanPixelData(file, TopBand);
        Assert.Equal(0, HiddenPixels.CountIcons(file.Dataset));
        Assert.Contains(result.Notes, n => n.Contains("Icon Image Sequence(s) removed"));
    }

    [Fact]
    public void Regenerated_icon_comes_from_the_cleaned_pixels()
    {
        var file = DoseWithIcon();
        var originalIcon = file.Dataset.GetItems(HiddenPixels.IconImageSequence)![0].Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        Assert.True(originalIcon.AsSpan(0, 64 * 10).IndexOfAnyExcept((byte)0) >= 0, "the test icon should show the text");
        DicomCleaner.CleanPixelData(file, TopBand, new CleanOptions { Icons = IconPolicy.Regenerate });
        var item = Assert.Single(file.Dataset.GetItems(HiddenPixels.IconImageSequence)!);
        Assert.Equal(128, item.GetInteger(PixelDataDescription.Rows));
        Assert.Equal("MONOCHROME2", item.GetString(PixelDataDescription.PhotometricInterpretation));
        var icon = item.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        // rows 0-109 of 512 are clean: the icon's top 27 rows (of 128) are black
        Assert.True(icon.AsSpan(0, 128 * 27).IndexOfAnyExcept((byte)0) < 0, "the icon still shows the cleaned band");
        // and the file still writes and reads back
        using var ms = new MemoryStream();
        DicomWriter.Write(file, ms);
        ms.Position = 0;
        Assert.Equal(1, HiddenPixels.CountIcons(DicomFile.Read(ms).Dataset));
    }

    [Fact]
    public void Overlay_planes_are_removed_or_cleaned_in_the_regions()
    {
        var path = SharedFiles.Corpus("pydicom/examples_overlay.dcm");
        var removed = DicomFile.Open(path);
        var layout = PixelDataDescription.Read(removed.Dataset, removed.TransferSyntax, DicomTag.PixelData);
        var mask = new PixelMask(layout.Columns, layout.Rows, [MaskOperation.CleanAll]);
        DicomCleaner.CleanPixelData(removed, mask);
        Assert.Empty(HiddenPixels.OverlayGroups(removed.Dataset));
        Assert.DoesNotContain(removed.Dataset, e => HiddenPixels.IsOverlayElement(e.Tag));

        // Cleaning keeps the plane and clears only the bits under the region: a band over part of the overlay (300x484
        // at origin 1\1, as dcmdump shows), so clearing bits outside it fails here.
        var cleaned = DicomFile.Open(path);
        Assert.Equal(300, cleaned.Dataset.GetInteger(new DicomTag(0x6000, 0x0010)));
        Assert.Equal(484, cleaned.Dataset.GetInteger(new DicomTag(0x6000, 0x0011)));
        var before = cleaned.Dataset.Get(new DicomTag(0x6000, 0x3000))!.Value.GetBytes().ToArray();
        var band = new Region(0, 140, 484, 180);
        DicomCleaner.CleanPixelData(cleaned, new PixelMask(layout.Columns, layout.Rows, [new MaskOperation(MaskValue.Clean, band)]),
            new CleanOptions { Overlays = OverlayPolicy.Clean });
        var after = cleaned.Dataset.Get(new DicomTag(0x6000, 0x3000))!.Value.GetBytes().ToArray();
        Assert.Equal(before.Length, after.Length);
        static bool Bit(byte[] data, int k) => ((data[k >> 3] >> (k & 7)) & 1) != 0;
        int setInsideBefore = 0, setOutside = 0;
        for (int k = 0; k < 300 * 484; k++)
        {
            int y = k / 484;
            if (y >= band.Y0 && y < band.Y1)
            {
                if (Bit(before, k)) setInsideBefore++;
                Assert.False(Bit(after, k), $"overlay bit ({k % 484},{y}) inside the region survived");
            }
            else
            {
                if (Bit(before, k)) setOutside++;
                Assert.True(Bit(before, k) == Bit(after, k), $"overlay bit ({k % 484},{y}) outside the region changed");
            }
        }

        Assert.True(setInsideBefore > 0, "the corpus overlay has set bits inside the band");
        Assert.True(setOutside > 0, "the corpus overlay has set bits outside the band, so over-clearing would show");
        Assert.True(cleaned.Dataset.Contains(new DicomTag(0x6000, 0x0010)), "the overlay plane should stay");
    }
}
